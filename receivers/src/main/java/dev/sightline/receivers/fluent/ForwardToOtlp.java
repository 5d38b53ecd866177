package dev.sightline.receivers.fluent;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The events of a Forward message as OTLP log requests, records of equal resources grouped under one
 * {@code ResourceLogs}. A Fluentd chunk can hold more records than one request may, so it is cut
 * into requests of at most {@code maxRecords}; the chunk is acknowledged once all of them are stored.
 */
final class ForwardToOtlp {
  static final String SCOPE = "sightline.fluent";

  private ForwardToOtlp() {}

  static List<ExportLogsServiceRequest> convert(ForwardMessage message, long observedNanos, int maxRecords) {
    List<ExportLogsServiceRequest> requests = new ArrayList<>();
    List<ForwardMessage.Event> events = message.events();
    for (int from = 0; from < events.size(); from += maxRecords) {
      Map<Map<String, String>, ScopeLogs.Builder> byResource = new LinkedHashMap<>();
      for (ForwardMessage.Event e : events.subList(from, Math.min(events.size(), from + maxRecords))) {
        RecordToLog.Mapped m = RecordToLog.convert(message.tag(), e, observedNanos);
        byResource.computeIfAbsent(m.resource(), r -> ScopeLogs.newBuilder()
            .setScope(InstrumentationScope.newBuilder().setName(SCOPE))).addLogRecords(m.record());
      }
      ExportLogsServiceRequest.Builder request = ExportLogsServiceRequest.newBuilder();
      byResource.forEach((attributes, scope) -> {
        Resource.Builder resource = Resource.newBuilder();
        attributes.forEach((k, v) -> resource.addAttributes(
            KeyValue.newBuilder().setKey(k).setValue(AnyValue.newBuilder().setStringValue(v))));
        request.addResourceLogs(ResourceLogs.newBuilder().setResource(resource).addScopeLogs(scope));
      });
      requests.add(request.build());
    }
    return requests;
  }
}
