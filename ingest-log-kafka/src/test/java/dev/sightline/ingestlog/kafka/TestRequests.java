package dev.sightline.ingestlog.kafka;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.ByteBuffer;

/** OTLP requests for tests: spans of given traces, logs of given services. */
final class TestRequests {
  private TestRequests() {}

  static ByteString traceId(long n) {
    return ByteString.copyFrom(ByteBuffer.allocate(16).putLong(0x5157L).putLong(n).array());
  }

  static ByteString spanId(long n) {
    return ByteString.copyFrom(ByteBuffer.allocate(8).putLong(n).array());
  }

  static Resource service(String name) {
    return Resource.newBuilder().addAttributes(KeyValue.newBuilder().setKey("service.name")
        .setValue(AnyValue.newBuilder().setStringValue(name))).build();
  }

  /** Two resources, each with spans of every trace in {@code traces}: one span per (resource, trace). */
  static ExportTraceServiceRequest spans(long... traces) {
    ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
    long span = 1;
    for (String service : new String[] {"checkout", "payments"}) {
      ScopeSpans.Builder scope = ScopeSpans.newBuilder();
      for (long t : traces) {
        scope.addSpans(Span.newBuilder().setTraceId(traceId(t)).setSpanId(spanId(span++)).setName(service + "-" + t)
            .setStartTimeUnixNano(1_000).setEndTimeUnixNano(2_000));
      }
      request.addResourceSpans(ResourceSpans.newBuilder().setResource(service(service)).addScopeSpans(scope));
    }
    return request.build();
  }

  static ExportLogsServiceRequest logs(String... services) {
    ExportLogsServiceRequest.Builder request = ExportLogsServiceRequest.newBuilder();
    for (String service : services) {
      request.addResourceLogs(ResourceLogs.newBuilder().setResource(service(service)).addScopeLogs(ScopeLogs.newBuilder()
          .addLogRecords(LogRecord.newBuilder().setTimeUnixNano(1_000).setBody(AnyValue.newBuilder().setStringValue("hello " + service)))));
    }
    return request.build();
  }
}
