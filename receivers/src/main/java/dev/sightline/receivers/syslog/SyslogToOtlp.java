package dev.sightline.receivers.syslog;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
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
 * Syslog messages as OTLP log records, one resource per sender host and app: HOSTNAME →
 * {@code host.name}, APP-NAME (or the RFC 3164 tag) → {@code service.name}; PRI → severity and
 * {@code syslog.facility} (by name); PROCID, MSGID → {@code syslog.procid}, {@code syslog.msgid};
 * each structured-data parameter → {@code syslog.structured_data.<SD-ID>.<PARAM-NAME>}, flat so
 * that it can be searched like any attribute; MSG → body. A message that did not parse keeps its raw
 * text as the body and says why in {@code syslog.parse_error}.
 */
final class SyslogToOtlp {
  private static final String SCOPE = "sightline.syslog";
  static final String SD_PREFIX = "syslog.structured_data.";

  private SyslogToOtlp() {}

  static ExportLogsServiceRequest convert(List<ReceivedMessage> messages) {
    Map<List<String>, ScopeLogs.Builder> byOrigin = new LinkedHashMap<>();
    for (ReceivedMessage m : messages) {
      SyslogMessage p = m.parsed();
      List<String> origin = p == null ? List.of("", "") : List.of(p.hostname(), p.appName());
      byOrigin.computeIfAbsent(origin, k -> ScopeLogs.newBuilder().setScope(InstrumentationScope.newBuilder().setName(SCOPE)))
          .addLogRecords(record(m));
    }
    ExportLogsServiceRequest.Builder out = ExportLogsServiceRequest.newBuilder();
    byOrigin.forEach((origin, scope) -> {
      Resource.Builder resource = Resource.newBuilder();
      if (!origin.get(0).isEmpty()) {
        resource.addAttributes(attr("host.name", origin.get(0)));
      }
      if (!origin.get(1).isEmpty()) {
        resource.addAttributes(attr("service.name", origin.get(1)));
      }
      out.addResourceLogs(ResourceLogs.newBuilder().setResource(resource).addScopeLogs(scope));
    });
    return out.build();
  }

  static LogRecord record(ReceivedMessage m) {
    LogRecord.Builder r = LogRecord.newBuilder().setObservedTimeUnixNano(m.receivedNanos());
    SyslogMessage p = m.parsed();
    if (p == null) {
      r.setBody(AnyValue.newBuilder().setStringValue(m.raw()));
      r.addAttributes(attr("syslog.parse_error", m.parseError()));
    } else {
      r.setTimeUnixNano(p.timeNanos())
          .setSeverityNumber(p.priority().severityNumber())
          .setSeverityText(p.priority().severityText())
          .setBody(AnyValue.newBuilder().setStringValue(p.message()));
      r.addAttributes(attr("syslog.facility", p.priority().facilityName()));
      if (!p.procId().isEmpty()) {
        r.addAttributes(attr("syslog.procid", p.procId()));
      }
      if (!p.msgId().isEmpty()) {
        r.addAttributes(attr("syslog.msgid", p.msgId()));
      }
      p.structuredData().forEach((id, params) -> {
        if (params.isEmpty()) {
          r.addAttributes(attr(SD_PREFIX + id, "")); // the element's presence is its meaning
        }
        params.forEach((name, value) -> r.addAttributes(attr(SD_PREFIX + id + "." + name, value)));
      });
    }
    if (!m.peer().isEmpty()) {
      r.addAttributes(attr("net.peer.ip", m.peer()));
    }
    return r.build();
  }

  private static KeyValue attr(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }
}
