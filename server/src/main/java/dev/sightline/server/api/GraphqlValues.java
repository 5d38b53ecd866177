package dev.sightline.server.api;

import dev.sightline.otlp.AnyValueJson;
import dev.sightline.storage.Scoped;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** The small value types the GraphQL schema shares: attributes, labels, resources and scopes. */
final class GraphqlValues {
  private GraphqlValues() {}

  /** An OTLP attribute as text with its type; see {@code Attribute} in sightline.graphqls. */
  record Attribute(String key, @Nullable String value, String type) {}

  /** A label of a series or an alert, or an annotation. */
  record Label(String name, String value) {}

  record Resource(List<Attribute> attributes, int droppedAttributesCount, String schemaUrl) {}

  record Scope(String name, String version, List<Attribute> attributes, int droppedAttributesCount, String schemaUrl) {}

  static List<Attribute> attributes(List<KeyValue> in) {
    List<Attribute> out = new ArrayList<>(in.size());
    for (KeyValue kv : in) {
      out.add(new Attribute(kv.getKey(), text(kv.getValue()), type(kv.getValue())));
    }
    return out;
  }

  /**
   * Strings as they are, booleans and numbers as their text, the rest as compact JSON; null when
   * empty. Also the text of Zipkin tags.
   */
  static @Nullable String text(AnyValue v) {
    return switch (v.getValueCase()) {
      case STRING_VALUE -> v.getStringValue();
      case BOOL_VALUE -> Boolean.toString(v.getBoolValue());
      case INT_VALUE -> Long.toString(v.getIntValue());
      case DOUBLE_VALUE -> Double.toString(v.getDoubleValue());
      case BYTES_VALUE, ARRAY_VALUE, KVLIST_VALUE -> AnyValueJson.value(v);
      default -> null;
    };
  }

  static String type(AnyValue v) {
    return switch (v.getValueCase()) {
      case STRING_VALUE -> "STRING";
      case BOOL_VALUE -> "BOOL";
      case INT_VALUE -> "INT";
      case DOUBLE_VALUE -> "DOUBLE";
      case BYTES_VALUE -> "BYTES";
      case ARRAY_VALUE -> "ARRAY";
      case KVLIST_VALUE -> "KVLIST";
      default -> "EMPTY";
    };
  }

  static Resource resource(Scoped origin) {
    return new Resource(attributes(origin.resource().getAttributesList()), origin.resource().getDroppedAttributesCount(),
        origin.resourceSchemaUrl());
  }

  static Scope scope(Scoped origin) {
    return new Scope(origin.scope().getName(), origin.scope().getVersion(), attributes(origin.scope().getAttributesList()),
        origin.scope().getDroppedAttributesCount(), origin.scopeSchemaUrl());
  }

  /** Label values masked as the caller may see them, sorted by name. */
  static List<Label> labels(Map<String, String> labels, Masking masking) {
    List<Label> out = new ArrayList<>(labels.size());
    new TreeMap<>(labels).forEach((name, value) -> out.add(new Label(name, masking.labelValue(name, value))));
    return out;
  }

  /** Annotations: free text, whose sensitive parts are masked as in log lines. */
  static List<Label> texts(Map<String, String> values, Masking masking) {
    List<Label> out = new ArrayList<>(values.size());
    new TreeMap<>(values).forEach((name, value) -> out.add(new Label(name, masking.line(value))));
    return out;
  }

  /** Unix nanoseconds as a decimal string, exact in every JSON client. */
  static String nanos(long nanos) {
    return Long.toUnsignedString(nanos);
  }
}
