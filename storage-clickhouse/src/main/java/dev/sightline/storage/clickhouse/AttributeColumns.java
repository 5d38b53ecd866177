package dev.sightline.storage.clickhouse;

import dev.sightline.otlp.AnyValueJson;
import dev.sightline.storage.AttributeFilter;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code attr_keys}/{@code attr_values} columns: an item's own and its resource's attributes,
 * values as text (strings as they are, other values as their JSON text), so that an
 * {@link AttributeFilter} is one {@code arrayExists} over the pair.
 */
record AttributeColumns(List<String> keys, List<String> values) {

  static AttributeColumns of(List<KeyValue> own, List<KeyValue> resource) {
    List<String> keys = new ArrayList<>(own.size() + resource.size());
    List<String> values = new ArrayList<>(own.size() + resource.size());
    for (List<KeyValue> attributes : List.of(own, resource)) {
      for (KeyValue kv : attributes) {
        keys.add(kv.getKey());
        values.add(text(kv));
      }
    }
    return new AttributeColumns(keys, values);
  }

  static String text(KeyValue kv) {
    return kv.getValue().hasStringValue() ? kv.getValue().getStringValue() : AnyValueJson.value(kv.getValue());
  }

  void write(RowBinaryOutput out) {
    out.strings(keys);
    out.strings(values);
  }

  /** Conditions matching every filter on the columns {@code attr_keys}/{@code attr_values}. */
  static void filter(Where where, List<AttributeFilter> filters) {
    for (AttributeFilter f : filters) {
      where.and("arrayExists((k, v) -> k = " + Sql.text(f.key()) + " AND v = " + Sql.text(f.value())
          + ", attr_keys, attr_values)");
    }
  }
}
