package dev.sightline.storage.clickhouse;

import dev.sightline.otlp.AnyValueJson;
import dev.sightline.storage.AttributeFilter;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code attr_keys}/{@code attr_values}/{@code attr_kinds} columns: an item's own attributes,
 * then its resource's, values as text (strings as they are, other values as their JSON text), so
 * that an {@link AttributeFilter} is one {@code arrayExists} over the pair. {@code attr_kinds}
 * has one entry per own attribute (0 string, 1 JSON text), which makes the own attributes exact
 * and lets the stored item leave them out: column-wise they compress far better.
 */
record AttributeColumns(List<String> keys, List<String> values, List<Integer> kinds) {
  private static final int STRING = 0;
  private static final int JSON = 1;

  static AttributeColumns of(List<KeyValue> own, List<KeyValue> resource) {
    List<String> keys = new ArrayList<>(own.size() + resource.size());
    List<String> values = new ArrayList<>(own.size() + resource.size());
    List<Integer> kinds = new ArrayList<>(own.size());
    for (KeyValue kv : own) {
      kinds.add(kv.getValue().hasStringValue() ? STRING : JSON);
    }
    for (List<KeyValue> attributes : List.of(own, resource)) {
      for (KeyValue kv : attributes) {
        keys.add(kv.getKey());
        values.add(text(kv));
      }
    }
    return new AttributeColumns(keys, values, kinds);
  }

  static String text(KeyValue kv) {
    return kv.getValue().hasStringValue() ? kv.getValue().getStringValue() : AnyValueJson.value(kv.getValue());
  }

  void write(RowBinaryOutput out) {
    out.strings(keys);
    out.strings(values);
    out.uint8s(kinds);
  }

  static AttributeColumns read(RowBinaryInput in) {
    return new AttributeColumns(in.strings(), in.strings(), in.uint8s());
  }

  /** The item's own attributes, exactly as they came. */
  List<KeyValue> own() {
    List<KeyValue> own = new ArrayList<>(kinds.size());
    for (int i = 0; i < kinds.size(); i++) {
      AnyValue value = kinds.get(i) == STRING ? AnyValue.newBuilder().setStringValue(values.get(i)).build()
          : AnyValueJson.parseValue(values.get(i));
      own.add(KeyValue.newBuilder().setKey(keys.get(i)).setValue(value).build());
    }
    return own;
  }

  /** Conditions matching every filter on the columns {@code attr_keys}/{@code attr_values}. */
  static void filter(Where where, List<AttributeFilter> filters) {
    for (AttributeFilter f : filters) {
      where.and("arrayExists((k, v) -> k = " + Sql.text(f.key()) + " AND v = " + Sql.text(f.value())
          + ", attr_keys, attr_values)");
    }
  }
}
