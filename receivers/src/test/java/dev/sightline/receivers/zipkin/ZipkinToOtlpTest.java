package dev.sightline.receivers.zipkin;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ZipkinToOtlpTest {
  private static final ByteString TRACE = SpanIds.traceId("traceId", "463ac35c9f6413ad");
  private static final ByteString ID = SpanIds.spanId("id", "a1");

  private static ZipkinSpan span(String service, ZipkinSpan.Kind kind, Map<String, String> tags) {
    return new ZipkinSpan(TRACE, null, ID, kind, "op", 1_000, 250,
        new ZipkinSpan.Endpoint(service, "10.0.0.1", "", 8080), new ZipkinSpan.Endpoint("db", "", "::1", 5432),
        List.of(new ZipkinSpan.Annotation(1_100, "retry")), tags, true);
  }

  private static Map<String, String> attributes(Span s) {
    return s.getAttributesList().stream().collect(Collectors.toMap(KeyValue::getKey, kv -> kv.getValue().getStringValue().isEmpty()
        ? String.valueOf(kv.getValue().hasIntValue() ? kv.getValue().getIntValue() : kv.getValue().getBoolValue()) : kv.getValue().getStringValue()));
  }

  @Test
  void idsArePaddedAndTimesBecomeNanos() {
    assertThat(TRACE.size()).isEqualTo(16);
    assertThat(TRACE.substring(0, 8)).isEqualTo(ByteString.copyFrom(new byte[8]));
    assertThat(ID.byteAt(7)).isEqualTo((byte) 0xa1);
    Span s = ZipkinToOtlp.span(span("svc", ZipkinSpan.Kind.CONSUMER, Map.of()));
    assertThat(s.getStartTimeUnixNano()).isEqualTo(1_000_000);
    assertThat(s.getEndTimeUnixNano()).isEqualTo(1_250_000);
    assertThat(s.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CONSUMER);
    assertThat(s.getEvents(0).getName()).isEqualTo("retry");
    assertThat(s.getEvents(0).getTimeUnixNano()).isEqualTo(1_100_000);
    assertThat(attributes(s)).containsEntry("network.local.address", "10.0.0.1").containsEntry("network.local.port", "8080")
        .containsEntry("peer.service", "db").containsEntry("network.peer.address", "::1")
        .containsEntry("network.peer.port", "5432").containsEntry("zipkin.shared", "true");
    assertThat(ZipkinToOtlp.span(span("svc", null, Map.of())).getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_INTERNAL);
  }

  @Test
  void errorAndOtelStatusTagsBecomeTheStatus() {
    Span failed = ZipkinToOtlp.span(span("svc", ZipkinSpan.Kind.CLIENT, Map.of("error", "timeout", "http.method", "GET")));
    assertThat(failed.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
    assertThat(failed.getStatus().getMessage()).isEqualTo("timeout");
    assertThat(attributes(failed)).containsEntry("http.method", "GET").doesNotContainKey("error");

    Span bare = ZipkinToOtlp.span(span("svc", ZipkinSpan.Kind.CLIENT, Map.of("error", "true")));
    assertThat(bare.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
    assertThat(bare.getStatus().getMessage()).isEmpty();

    Span otel = ZipkinToOtlp.span(span("svc", ZipkinSpan.Kind.SERVER,
        Map.of("otel.status_code", "ERROR", "otel.status_description", "bad gateway", "error", "bad gateway")));
    assertThat(otel.getStatus().getMessage()).isEqualTo("bad gateway");
    assertThat(attributes(otel)).doesNotContainKeys("otel.status_code", "otel.status_description", "error");

    assertThat(ZipkinToOtlp.span(span("svc", null, Map.of("otel.status_code", "OK"))).getStatus().getCode())
        .isEqualTo(Status.StatusCode.STATUS_CODE_OK);
    assertThat(ZipkinToOtlp.span(span("svc", null, Map.of())).hasStatus()).isFalse();
  }

  @Test
  void oneResourcePerServiceAndOneScopePerScopeTag() {
    ExportTraceServiceRequest r = ZipkinToOtlp.convert(List.of(
        span("a", null, Map.of()), span("b", null, Map.of()),
        span("a", null, Map.of("otel.scope.name", "io.grpc", "otel.scope.version", "1.2")),
        span("", null, Map.of())));
    assertThat(r.getResourceSpansList()).extracting(rs -> rs.getResource().getAttributes(0).getValue().getStringValue())
        .containsExactly("a", "b", ZipkinToOtlp.UNKNOWN_SERVICE);
    assertThat(r.getResourceSpans(0).getScopeSpansList()).hasSize(2);
    assertThat(r.getResourceSpans(0).getScopeSpans(1).getScope().getName()).isEqualTo("io.grpc");
    assertThat(r.getResourceSpans(0).getScopeSpans(1).getScope().getVersion()).isEqualTo("1.2");
    assertThat(attributes(r.getResourceSpans(0).getScopeSpans(1).getSpans(0))).doesNotContainKey("otel.scope.name");
  }
}
