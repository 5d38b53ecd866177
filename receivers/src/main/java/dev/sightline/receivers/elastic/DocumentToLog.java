package dev.sightline.receivers.elastic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import dev.sightline.receivers.otlp.SeverityNames;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One bulk document as an OTLP log record, with the Elastic Common Schema fields shippers set:
 * {@code @timestamp} → time, {@code message} → body, {@code log.level} (or {@code level},
 * {@code severity}) → severity, {@code trace.id}/{@code span.id} → trace links; {@code service.name}
 * is taken by the caller for the resource; every other field, flattened with dots, is an attribute.
 */
final class DocumentToLog {
  private static final Pattern HEX32 = Pattern.compile("[0-9a-fA-F]{32}");
  private static final Pattern HEX16 = Pattern.compile("[0-9a-fA-F]{16}");

  private DocumentToLog() {}

  /** The value at a dotted path, written either flat ({@code "log.level"}) or nested. */
  static String text(ObjectNode doc, String path) {
    JsonNode flat = doc.get(path);
    if (flat != null && flat.isValueNode()) {
      return flat.asText();
    }
    JsonNode node = doc;
    for (String part : path.split("\\.")) {
      node = node.path(part);
    }
    return node.isValueNode() ? node.asText() : "";
  }

  static LogRecord convert(ObjectNode doc, String index, long observedNanos) {
    LogRecord.Builder r = LogRecord.newBuilder().setObservedTimeUnixNano(observedNanos);
    String ts = text(doc, "@timestamp");
    r.setTimeUnixNano(ts.isEmpty() ? observedNanos : nanos(ts));
    String message = text(doc, "message");
    r.setBody(AnyValue.newBuilder().setStringValue(message.isEmpty() ? doc.toString() : message));
    String level = first(doc, "log.level", "level", "severity");
    if (!level.isEmpty()) {
      r.setSeverityText(level).setSeverityNumber(SeverityNames.parse(level));
    }
    String trace = first(doc, "trace.id", "trace_id");
    if (HEX32.matcher(trace).matches()) {
      r.setTraceId(ByteString.fromHex(trace.toLowerCase(Locale.ROOT)));
    }
    String span = first(doc, "span.id", "span_id");
    if (HEX16.matcher(span).matches()) {
      r.setSpanId(ByteString.fromHex(span.toLowerCase(Locale.ROOT)));
    }
    flatten("", doc, r);
    r.addAttributes(attr("elasticsearch.index", AnyValue.newBuilder().setStringValue(index).build()));
    return r.build();
  }

  private static final java.util.Set<String> MAPPED = java.util.Set.of("@timestamp", "message", "log.level", "level",
      "severity", "trace.id", "trace_id", "span.id", "span_id", "service.name");

  private static void flatten(String prefix, JsonNode node, LogRecord.Builder r) {
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> e = fields.next();
      String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      JsonNode v = e.getValue();
      if (v.isObject()) {
        flatten(key, v, r);
      } else if (!MAPPED.contains(key) && !v.isNull()) {
        AnyValue.Builder value = AnyValue.newBuilder();
        if (v.isTextual()) {
          value.setStringValue(v.asText());
        } else if (v.isIntegralNumber() && v.canConvertToLong()) {
          value.setIntValue(v.asLong());
        } else if (v.isNumber()) {
          value.setDoubleValue(v.asDouble());
        } else if (v.isBoolean()) {
          value.setBoolValue(v.asBoolean());
        } else {
          value.setStringValue(v.toString());
        }
        r.addAttributes(attr(key, value.build()));
      }
    }
  }

  private static String first(ObjectNode doc, String... paths) {
    for (String p : paths) {
      String v = text(doc, p);
      if (!v.isEmpty()) {
        return v;
      }
    }
    return "";
  }

  /** ISO 8601 ({@code 2026-12-01T10:00:00.123Z}) or epoch milliseconds. */
  static long nanos(String ts) {
    try {
      Instant i = Instant.parse(ts);
      return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    } catch (DateTimeParseException e) {
      try {
        return Long.parseLong(ts) * 1_000_000L;
      } catch (NumberFormatException n) {
        throw new IllegalArgumentException("@timestamp '" + ts + "' is neither ISO 8601 nor epoch milliseconds");
      }
    }
  }

  private static KeyValue attr(String key, AnyValue value) {
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }
}
