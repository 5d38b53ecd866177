package dev.sightline.otlp;

import static dev.sightline.otlp.OtlpJsonTracesTest.bytes;
import static dev.sightline.otlp.Protos.kv;
import static dev.sightline.otlp.Protos.kvlist;
import static dev.sightline.otlp.Protos.str;
import static dev.sightline.otlp.Protos.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.resource.v1.Resource;
import org.junit.jupiter.api.Test;

class OtlpJsonLogsTest {
  static final String LOGS = """
      {"resourceLogs": [{
        "resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "shop"}}]},
        "scopeLogs": [{
          "scope": {"name": "logger", "attributes": [{"key": "lib", "value": {"stringValue": "slf4j"}}]},
          "logRecords": [
            {"timeUnixNano": "1767225600000000000", "observedTimeUnixNano": 1767225600000000100,
             "severityNumber": 9, "severityText": "INFO",
             "body": {"stringValue": "Bestellung ünïcødé 🚀 angelegt"},
             "attributes": [{"key": "order", "value": {"kvlistValue": {"values": [
               {"key": "id", "value": {"intValue": "42"}}]}}}],
             "droppedAttributesCount": 2, "flags": 1,
             "traceId": "5B8EFFF798038103D269B633813FC60C", "spanId": "EEE19B7EC3C1B174",
             "eventName": "order.created"},
            {"observed_time_unix_nano": "1767225601000000000", "severity_number": "SEVERITY_NUMBER_ERROR",
             "body": {"kvlistValue": {"values": [{"key": "msg", "value": {"stringValue": "boom"}}]}},
             "trace_id": "", "span_id": ""}
          ]}]}]}
      """;

  @Test
  void decodesLogRecords() {
    ExportLogsServiceRequest expected = ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(ResourceLogs.newBuilder()
            .setResource(Resource.newBuilder().addAttributes(kv("service.name", "shop")))
            .addScopeLogs(ScopeLogs.newBuilder()
                .setScope(InstrumentationScope.newBuilder().setName("logger").addAttributes(kv("lib", "slf4j")))
                .addLogRecords(LogRecord.newBuilder()
                    .setTimeUnixNano(1767225600000000000L).setObservedTimeUnixNano(1767225600000000100L)
                    .setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_INFO).setSeverityText("INFO")
                    .setBody(str("Bestellung ünïcødé 🚀 angelegt"))
                    .addAttributes(kv("order", kvlist(kv("id", Protos.integer(42)))))
                    .setDroppedAttributesCount(2).setFlags(1)
                    .setTraceId(bytes(0x5b, 0x8e, 0xff, 0xf7, 0x98, 0x03, 0x81, 0x03,
                        0xd2, 0x69, 0xb6, 0x33, 0x81, 0x3f, 0xc6, 0x0c))
                    .setSpanId(bytes(0xee, 0xe1, 0x9b, 0x7e, 0xc3, 0xc1, 0xb1, 0x74))
                    .setEventName("order.created"))
                .addLogRecords(LogRecord.newBuilder()
                    .setObservedTimeUnixNano(1767225601000000000L)
                    .setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_ERROR)
                    .setBody(kvlist(kv("msg", "boom")))
                    .setTraceId(ByteString.EMPTY))))
        .build();

    ExportLogsServiceRequest decoded = OtlpJson.logs(utf8(LOGS));

    assertThat(decoded).isEqualTo(expected);
    assertThat(OtlpJson.logs(utf8(OtlpJson.print(decoded)))).isEqualTo(expected);
  }
}
