package dev.sightline.storage.tests;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.nio.ByteBuffer;
import java.util.List;

/** Builders of OTLP test data with every kind of value a backend must keep. */
public final class SampleData {
  /** 2026-01-01T00:00:00Z in nanoseconds: test data lives around this time. */
  public static final long T0 = 1_767_225_600_000_000_000L;
  public static final long MS = 1_000_000L;

  private SampleData() {}

  public static KeyValue attr(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }

  public static KeyValue attr(String key, long value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
  }

  /** Attributes with every AnyValue kind, nested, unicode and edge values. */
  public static List<KeyValue> richAttributes() {
    AnyValue nested = AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
        .addValues(attr("inner", "ünïcødé 🚀"))
        .addValues(KeyValue.newBuilder().setKey("list").setValue(AnyValue.newBuilder()
            .setArrayValue(ArrayValue.newBuilder()
                .addValues(AnyValue.newBuilder().setIntValue(-1))
                .addValues(AnyValue.newBuilder().setDoubleValue(2.0))
                .addValues(AnyValue.newBuilder().setBoolValue(false))
                .addValues(AnyValue.getDefaultInstance())))))
        .build();
    return List.of(
        attr("string", "value \"quoted\" \\ and\nnewline"),
        attr("int.max", Long.MAX_VALUE),
        KeyValue.newBuilder().setKey("double").setValue(AnyValue.newBuilder().setDoubleValue(0.1)).build(),
        KeyValue.newBuilder().setKey("double.nan").setValue(AnyValue.newBuilder().setDoubleValue(Double.NaN)).build(),
        KeyValue.newBuilder().setKey("bool").setValue(AnyValue.newBuilder().setBoolValue(true)).build(),
        KeyValue.newBuilder().setKey("bytes").setValue(AnyValue.newBuilder()
            .setBytesValue(ByteString.copyFrom(new byte[] {0, 1, (byte) 0xff}))).build(),
        KeyValue.newBuilder().setKey("kvlist").setValue(nested).build(),
        KeyValue.newBuilder().setKey("empty").setValue(AnyValue.getDefaultInstance()).build());
  }

  public static ByteString traceId(long n) {
    return ByteString.copyFrom(ByteBuffer.allocate(16).putLong(0x0af7651916cd43ddL).putLong(n).array());
  }

  public static ByteString spanId(long n) {
    return ByteString.copyFrom(ByteBuffer.allocate(8).putLong(0x00f067aa0ba90000L + n).array());
  }

  public static Resource resource(String service, KeyValue... more) {
    return Resource.newBuilder().addAttributes(attr("service.name", service)).addAllAttributes(List.of(more)).build();
  }

  /** A span of trace {@code trace}, starting {@code startMs} after {@link #T0}. */
  public static Span.Builder span(long trace, long span, long parent, String name, long startMs, long durationMs) {
    Span.Builder b = Span.newBuilder().setTraceId(traceId(trace)).setSpanId(spanId(span))
        .setName(name).setKind(Span.SpanKind.SPAN_KIND_SERVER)
        .setStartTimeUnixNano(T0 + startMs * MS).setEndTimeUnixNano(T0 + (startMs + durationMs) * MS);
    if (parent != 0) {
      b.setParentSpanId(spanId(parent));
    }
    return b;
  }

  public static Span error(Span.Builder span) {
    return span.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("boom")).build();
  }

  public static ResourceSpans resourceSpans(Resource resource, Span... spans) {
    return ResourceSpans.newBuilder().setResource(resource).addScopeSpans(ScopeSpans.newBuilder()
        .setScope(InstrumentationScope.newBuilder().setName("test-scope").setVersion("1.0"))
        .addAllSpans(List.of(spans))).build();
  }
}
