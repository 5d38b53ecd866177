package dev.sightline.receivers.jaeger;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One Jaeger span as both wire formats carry it, times in Unix nanoseconds and tags already as OTLP
 * attributes. {@code parentSpanId} is Thrift's explicit parent (empty when none or in proto, where
 * the parent is the first CHILD_OF reference).
 */
record JaegerSpan(ByteString traceId, ByteString spanId, ByteString parentSpanId, String operationName,
    List<Reference> references, long startNanos, long durationNanos, List<KeyValue> tags, List<Log> logs,
    @Nullable Process process) {

  /** Jaeger's reference types, by their number in both IDLs. */
  enum RefType { CHILD_OF, FOLLOWS_FROM }

  record Reference(RefType type, ByteString traceId, ByteString spanId) {}

  record Log(long timeNanos, List<KeyValue> fields) {}

  /** The emitting process: its service name and tags, which become the OTLP resource. */
  record Process(String serviceName, List<KeyValue> tags) {}

  JaegerSpan withProcess(Process p) {
    return new JaegerSpan(traceId, spanId, parentSpanId, operationName, references, startNanos, durationNanos,
        tags, logs, p);
  }
}
