package dev.sightline.query.logql;

import dev.sightline.storage.StoredLog;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Loki stream labels of a stored log record: {@code service_name}, {@code level} (from the
 * severity), a few resource attributes Loki promotes by default, and every string attribute of
 * the record (where the Loki push API keeps stream labels), with names made label-safe.
 */
public final class StreamLabels {
  private static final Set<String> PROMOTED = Set.of("service.namespace", "deployment.environment",
      "deployment.environment.name", "host.name", "k8s.namespace.name", "k8s.pod.name", "k8s.container.name",
      "k8s.deployment.name", "cloud.region");

  private StreamLabels() {}

  public static Map<String, String> of(StoredLog log) {
    Map<String, String> labels = new TreeMap<>();
    for (KeyValue kv : log.origin().resource().getAttributesList()) {
      if (kv.getKey().equals("service.name") && kv.getValue().hasStringValue()) {
        labels.put("service_name", kv.getValue().getStringValue());
      } else if (PROMOTED.contains(kv.getKey()) && kv.getValue().hasStringValue()) {
        labels.put(name(kv.getKey()), kv.getValue().getStringValue());
      }
    }
    LogRecord r = log.record();
    String level = level(r);
    if (!level.isEmpty()) {
      labels.put("level", level);
    }
    for (KeyValue kv : r.getAttributesList()) {
      if (kv.getValue().hasStringValue()) {
        labels.putIfAbsent(name(kv.getKey()), kv.getValue().getStringValue());
      }
    }
    return labels;
  }

  /** A label-safe name: letters, digits and underscores, not starting with a digit. */
  static String name(String key) {
    StringBuilder b = new StringBuilder(key.length());
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      b.append(Character.isLetterOrDigit(c) && c < 128 || c == '_' ? c : '_');
    }
    if (b.isEmpty() || Character.isDigit(b.charAt(0))) {
      b.insert(0, '_');
    }
    return b.toString();
  }

  private static String level(LogRecord r) {
    if (!r.getSeverityText().isEmpty()) {
      return r.getSeverityText().toLowerCase(Locale.ROOT);
    }
    int n = r.getSeverityNumberValue();
    if (n <= 0) {
      return "";
    }
    return n <= 4 ? "trace" : n <= 8 ? "debug" : n <= 12 ? "info" : n <= 16 ? "warn" : n <= 20 ? "error" : "fatal";
  }
}
