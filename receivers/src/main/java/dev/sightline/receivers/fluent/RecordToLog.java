package dev.sightline.receivers.fluent;

import com.google.protobuf.ByteString;
import dev.sightline.receivers.otlp.SeverityNames;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.msgpack.core.MessageStringCodingException;
import org.msgpack.value.Value;

/**
 * One Fluent event as an OTLP log record and the resource it belongs to. Nested maps are flattened
 * with dots ({@code kubernetes.pod_name}), as Elasticsearch bulk documents are, so one attribute
 * filter finds a field however the shipper nested it; arrays stay arrays. Then:
 * <ul>
 *   <li>body: the first string (or UTF-8 binary) of {@code message}, {@code log}, {@code msg}; without one, the whole
 *       record as JSON;</li>
 *   <li>severity: {@code level}, {@code severity} or {@code log.level} through {@link SeverityNames};</li>
 *   <li>trace link: {@code trace_id}/{@code trace.id} (32 hex) and {@code span_id}/{@code span.id} (16 hex);
 *       values that are not hex stay attributes;</li>
 *   <li>resource: {@code service.name} from the record's {@code service.name} or {@code service}, else
 *       the Kubernetes container name, else the tag's first segment ({@code nginx} of
 *       {@code nginx.access}); Fluent Bit's Kubernetes metadata as {@code k8s.*};</li>
 *   <li>attributes: every other field, and the tag as {@code fluent.tag}.</li>
 * </ul>
 */
final class RecordToLog {
  private static final Pattern HEX32 = Pattern.compile("[0-9a-fA-F]{32}");
  private static final Pattern HEX16 = Pattern.compile("[0-9a-fA-F]{16}");
  private static final List<String> BODY = List.of("message", "log", "msg");
  private static final List<String> LEVEL = List.of("level", "severity", "log.level");
  private static final Map<String, String> KUBERNETES = Map.of(
      "kubernetes.namespace_name", "k8s.namespace.name",
      "kubernetes.pod_name", "k8s.pod.name",
      "kubernetes.pod_id", "k8s.pod.uid",
      "kubernetes.container_name", "k8s.container.name",
      "kubernetes.host", "k8s.node.name");

  private RecordToLog() {}

  /** A record with its resource attributes, sorted so that equal resources group together. */
  record Mapped(Map<String, String> resource, LogRecord record) {}

  static Mapped convert(String tag, ForwardMessage.Event event, long observedNanos) {
    Map<String, Value> fields = new LinkedHashMap<>();
    flatten("", event.record(), fields);
    LogRecord.Builder r = LogRecord.newBuilder().setTimeUnixNano(event.timeNanos()).setObservedTimeUnixNano(observedNanos);
    String body = takeString(fields, BODY);
    r.setBody(AnyValue.newBuilder().setStringValue(body.isEmpty() ? event.record().toJson() : body));
    String level = takeString(fields, LEVEL);
    if (!level.isEmpty()) {
      r.setSeverityText(level).setSeverityNumber(SeverityNames.parse(level));
    }
    String trace = takeMatching(fields, HEX32, "trace_id", "trace.id");
    if (!trace.isEmpty()) {
      r.setTraceId(ByteString.fromHex(trace.toLowerCase(Locale.ROOT)));
    }
    String span = takeMatching(fields, HEX16, "span_id", "span.id");
    if (!span.isEmpty()) {
      r.setSpanId(ByteString.fromHex(span.toLowerCase(Locale.ROOT)));
    }
    Map<String, String> resource = new TreeMap<>();
    KUBERNETES.forEach((field, attribute) -> {
      String v = takeString(fields, List.of(field));
      if (!v.isEmpty()) {
        resource.put(attribute, v);
      }
    });
    String service = takeString(fields, List.of("service.name", "service"));
    if (service.isEmpty()) {
      service = resource.getOrDefault("k8s.container.name", tag.split("\\.", 2)[0]);
    }
    if (!service.isEmpty()) {
      resource.put("service.name", service);
    }
    fields.forEach((key, value) -> r.addAttributes(attr(key, any(value))));
    r.addAttributes(attr("fluent.tag", AnyValue.newBuilder().setStringValue(tag).build()));
    return new Mapped(resource, r.build());
  }

  private static void flatten(String prefix, Value map, Map<String, Value> out) {
    for (Map.Entry<Value, Value> e : map.asMapValue().entrySet()) {
      String name = e.getKey().isRawValue() ? e.getKey().asRawValue().toString() : e.getKey().toString();
      String key = prefix.isEmpty() ? name : prefix + "." + name;
      if (e.getValue().isMapValue()) {
        flatten(key, e.getValue(), out);
      } else if (!e.getValue().isNilValue()) {
        out.put(key, e.getValue());
      }
    }
  }

  /** Removes and returns the first of the fields that holds a non-empty string. */
  private static String takeString(Map<String, Value> fields, List<String> names) {
    for (String n : names) {
      Value v = fields.get(n);
      if (v != null && v.isRawValue() && !v.asRawValue().toString().isEmpty()) {
        fields.remove(n);
        return v.asRawValue().toString();
      }
    }
    return "";
  }

  private static String takeMatching(Map<String, Value> fields, Pattern form, String... names) {
    for (String n : names) {
      Value v = fields.get(n);
      if (v != null && v.isRawValue() && form.matcher(v.asRawValue().toString()).matches()) {
        fields.remove(n);
        return v.asRawValue().toString();
      }
    }
    return "";
  }

  static AnyValue any(Value v) {
    AnyValue.Builder b = AnyValue.newBuilder();
    switch (v.getValueType()) {
      case STRING -> b.setStringValue(v.asStringValue().toString());
      case BINARY -> binary(v, b);
      case BOOLEAN -> b.setBoolValue(v.asBooleanValue().getBoolean());
      case INTEGER -> {
        if (v.asIntegerValue().isInLongRange()) {
          b.setIntValue(v.asIntegerValue().toLong());
        } else {
          b.setStringValue(v.toString());
        }
      }
      case FLOAT -> b.setDoubleValue(v.asFloatValue().toDouble());
      case ARRAY -> {
        ArrayValue.Builder items = ArrayValue.newBuilder();
        v.asArrayValue().forEach(item -> items.addValues(any(item)));
        b.setArrayValue(items);
      }
      case MAP -> {
        KeyValueList.Builder kvs = KeyValueList.newBuilder();
        v.asMapValue().entrySet().forEach(e -> kvs.addValues(attr(
            e.getKey().isRawValue() ? e.getKey().asRawValue().toString() : e.getKey().toString(), any(e.getValue()))));
        b.setKvlistValue(kvs);
      }
      default -> b.setStringValue(v.toString());
    }
    return b.build();
  }

  /** Older Fluentd and msgpack clients send text as binary; it stays text when it is UTF-8. */
  private static void binary(Value v, AnyValue.Builder b) {
    try {
      b.setStringValue(v.asRawValue().asString());
    } catch (MessageStringCodingException e) {
      b.setBytesValue(ByteString.copyFrom(v.asRawValue().asByteArray()));
    }
  }

  private static KeyValue attr(String key, AnyValue value) {
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }
}
