package dev.sightline.receivers.loki;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import dev.sightline.receivers.otlp.SeverityNames;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loki streams as OTLP log records: the line is the body, stream labels and structured metadata
 * become attributes, the first of {@code service_name}, {@code service}, {@code app}, {@code job}
 * names the resource's {@code service.name}, and a {@code level} (or {@code detected_level},
 * {@code severity}, {@code lvl}) label or metadata sets the severity.
 */
final class LokiToOtlp {
  private static final List<String> SERVICE_LABELS = List.of("service_name", "service", "app", "job");
  private static final List<String> LEVEL_LABELS = List.of("level", "detected_level", "severity", "lvl");

  private LokiToOtlp() {}

  static ExportLogsServiceRequest convert(List<LokiStream> streams, long observedNanos) {
    Map<String, ScopeLogs.Builder> byService = new LinkedHashMap<>();
    for (LokiStream s : streams) {
      String service = first(s.labels(), SERVICE_LABELS);
      ScopeLogs.Builder scope = byService.computeIfAbsent(service, k -> ScopeLogs.newBuilder()
          .setScope(InstrumentationScope.newBuilder().setName("sightline.loki")));
      List<KeyValue> labels = s.labels().entrySet().stream().map(e -> attr(e.getKey(), e.getValue())).toList();
      for (LokiStream.Entry e : s.entries()) {
        LogRecord.Builder r = LogRecord.newBuilder().setTimeUnixNano(e.timeNanos()).setObservedTimeUnixNano(observedNanos)
            .setBody(AnyValue.newBuilder().setStringValue(e.line())).addAllAttributes(labels);
        e.metadata().forEach((k, v) -> r.addAttributes(attr(k, v)));
        String level = first(e.metadata(), LEVEL_LABELS);
        if (level.isEmpty()) {
          level = first(s.labels(), LEVEL_LABELS);
        }
        if (!level.isEmpty()) {
          r.setSeverityText(level).setSeverityNumber(SeverityNames.parse(level));
        }
        scope.addLogRecords(r);
      }
    }
    ExportLogsServiceRequest.Builder out = ExportLogsServiceRequest.newBuilder();
    byService.forEach((service, scope) -> {
      Resource.Builder resource = Resource.newBuilder();
      if (!service.isEmpty()) {
        resource.addAttributes(attr("service.name", service));
      }
      out.addResourceLogs(ResourceLogs.newBuilder().setResource(resource).addScopeLogs(scope));
    });
    return out.build();
  }

  private static String first(Map<String, String> labels, List<String> names) {
    for (String n : names) {
      String v = labels.get(n);
      if (v != null && !v.isEmpty()) {
        return v;
      }
    }
    return "";
  }

  private static KeyValue attr(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }
}
