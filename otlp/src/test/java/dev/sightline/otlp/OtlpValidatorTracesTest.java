package dev.sightline.otlp;

import static dev.sightline.otlp.Protos.array;
import static dev.sightline.otlp.Protos.kv;
import static dev.sightline.otlp.Protos.kvlist;
import static dev.sightline.otlp.Protos.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

class OtlpValidatorTracesTest {
  static final RequestLimits LIMITS = new RequestLimits(20, 3, 8);
  static final ByteString TRACE = Ids.fromHex("5b8efff798038103d269b633813fc60c");
  static final ByteString SPAN = Ids.fromHex("eee19b7ec3c1b174");
  static final ByteString ZERO_TRACE = ByteString.copyFrom(new byte[16]);
  static final ByteString ZERO_SPAN = ByteString.copyFrom(new byte[8]);

  private final OtlpValidator validator = new OtlpValidator(LIMITS);

  static Span.Builder span(String name) {
    return Span.newBuilder().setName(name).setTraceId(TRACE).setSpanId(SPAN)
        .setStartTimeUnixNano(1_000).setEndTimeUnixNano(2_000);
  }

  static ExportTraceServiceRequest request(Span.Builder... spans) {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder().setScope(InstrumentationScope.newBuilder().setName("s"));
    for (Span.Builder span : spans) {
      scope.addSpans(span);
    }
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(scope)).build();
  }

  @Test
  void keepsTheGoodSpansAndNamesEachBadOne() {
    Span.Builder bytes = span("bytes").addAttributes(kv("blob",
        AnyValue.newBuilder().setBytesValue(ByteString.copyFrom(new byte[9])).build()));
    ExportTraceServiceRequest request = request(
        span("good"),
        span("GET /x").setTraceId(ZERO_TRACE),
        span("short").setTraceId(ByteString.copyFrom(new byte[] {1, 2, 3})),
        span("zero span").setSpanId(ZERO_SPAN),
        span("no span id").setSpanId(ByteString.EMPTY),
        span("parent").setParentSpanId(ByteString.copyFrom(new byte[] {1, 2, 3, 4})),
        span("zero parent").setParentSpanId(ZERO_SPAN),
        span("child").setParentSpanId(Ids.fromHex("00f067aa0ba902b7")),
        span("no start").setStartTimeUnixNano(0),
        span("backwards").setStartTimeUnixNano(5_000).setEndTimeUnixNano(4_000),
        span("crowded").addAttributes(kv("a", "1")).addAttributes(kv("b", "2"))
            .addAttributes(kv("c", "3")).addAttributes(kv("d", "4")),
        span("long").addAttributes(kv("tags", array(str("ok"), kvlist(kv("deep", "ninechars")))))
            .addAttributes(kv("short", "ok")),
        bytes,
        span("event").addEvents(Span.Event.newBuilder().setName("e")
            .addAttributes(kv("a", "1")).addAttributes(kv("b", "2"))
            .addAttributes(kv("c", "3")).addAttributes(kv("d", "4"))),
        span("link").addLinks(Span.Link.newBuilder().setTraceId(TRACE).setSpanId(SPAN))
            .addLinks(Span.Link.newBuilder().setTraceId(ZERO_TRACE).setSpanId(SPAN)),
        span("unicode").addAttributes(kv("u", "ünïcødé🚀")));

    Validated<ExportTraceServiceRequest> v = validator.traces(request);

    // eight code points in nine UTF-16 chars: within the limit of 8
    assertThat(v.accepted()).isEqualTo(request(span("good"), span("child").setParentSpanId(Ids.fromHex("00f067aa0ba902b7")),
        span("unicode").addAttributes(kv("u", "ünïcødé🚀"))));
    assertThat(v.received()).isEqualTo(16);
    assertThat(v.rejected()).isEqualTo(13);
    String p = "resourceSpans[0].scopeSpans[0].spans";
    assertThat(v.errors()).containsExactly(
        p + "[1] (span \"GET /x\"): traceId is all zeros",
        p + "[2] (span \"short\"): traceId must be 16 bytes (32 hex digits), got 3",
        p + "[3] (span \"zero span\"): spanId is all zeros",
        p + "[4] (span \"no span id\"): spanId must be 8 bytes (16 hex digits), got 0",
        p + "[5] (span \"parent\"): parentSpanId must be empty or 8 bytes (16 hex digits), got 4",
        p + "[6] (span \"zero parent\"): parentSpanId is all zeros",
        p + "[8] (span \"no start\"): startTimeUnixNano is missing (0)",
        p + "[9] (span \"backwards\"): span ends before it starts: start=5000, end=4000",
        p + "[10] (span \"crowded\"): 4 attributes, more than the limit of 3",
        p + "[11] (span \"long\"): attribute \"tags\" holds a string of 9 characters, more than the limit of 8",
        p + "[12] (span \"bytes\"): attribute \"blob\" holds 9 bytes, more than the limit of 8",
        p + "[13] (span \"event\"): events[0]: 4 attributes, more than the limit of 3",
        p + "[14] (span \"link\"): links[1]: traceId is all zeros");
  }

  @Test
  void aResourceOverTheLimitsRejectsEverySpanUnderIt() {
    ResourceSpans bad = ResourceSpans.newBuilder()
        .setResource(Resource.newBuilder().addAttributes(kv("service.name", "far too long a name")))
        .addScopeSpans(ScopeSpans.newBuilder().addSpans(span("a")).addSpans(span("b")))
        .addScopeSpans(ScopeSpans.newBuilder().addSpans(span("c")))
        .build();
    ResourceSpans good = ResourceSpans.newBuilder()
        .setResource(Resource.newBuilder().addAttributes(kv("service.name", "shop")))
        .addScopeSpans(ScopeSpans.newBuilder().addSpans(span("d")))
        .addScopeSpans(ScopeSpans.newBuilder()
            .setScope(InstrumentationScope.newBuilder().addAttributes(kv("k", "123456789")))
            .addSpans(span("e")))
        .build();
    ExportTraceServiceRequest request = ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(bad).addResourceSpans(good).build();

    Validated<ExportTraceServiceRequest> v = validator.traces(request);

    assertThat(v.accepted()).isEqualTo(ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(good.toBuilder().removeScopeSpans(1)).build());
    assertThat(v.received()).isEqualTo(5);
    assertThat(v.rejected()).isEqualTo(4);
    String tooLong = "attribute \"service.name\" holds a string of 19 characters, more than the limit of 8";
    assertThat(v.errors()).containsExactly(
        "resourceSpans[0].scopeSpans[0].spans[0] (span \"a\"): resource: " + tooLong,
        "resourceSpans[0].scopeSpans[0].spans[1] (span \"b\"): resource: " + tooLong,
        "resourceSpans[0].scopeSpans[1].spans[0] (span \"c\"): resource: " + tooLong,
        "resourceSpans[1].scopeSpans[1].spans[0] (span \"e\"): scope: attribute \"k\" holds a string of 9 "
            + "characters, more than the limit of 8");
  }

  @Test
  void aValidRequestIsAcceptedAsItIs() {
    ExportTraceServiceRequest request = request(span("a"), span("b").setParentSpanId(SPAN));
    Validated<ExportTraceServiceRequest> v = validator.traces(request);
    assertThat(v.accepted()).isSameAs(request);
    assertThat(v.received()).isEqualTo(2);
    assertThat(v.rejected()).isZero();
    assertThat(v.errors()).isEmpty();
    assertThat(v.summary()).isEqualTo("accepted all 2 spans");
  }

  @Test
  void keepsTwentyMessagesButCountsEveryRejection() {
    RequestLimits roomy = new RequestLimits(100, 3, 8);
    Span.Builder[] spans = new Span.Builder[30];
    for (int i = 0; i < spans.length; i++) {
      spans[i] = span("s" + i).setTraceId(ZERO_TRACE);
    }
    Validated<ExportTraceServiceRequest> v = new OtlpValidator(roomy).traces(request(spans));
    assertThat(v.rejected()).isEqualTo(30);
    assertThat(v.errors()).hasSize(20);
    assertThat(v.accepted().getResourceSpansList()).isEmpty();
    assertThat(v.summary()).startsWith("rejected 30 of 30 spans: resourceSpans[0].scopeSpans[0].spans[0] (span \"s0\")"
            + ": traceId is all zeros; ")
        .endsWith("; and 25 more")
        .doesNotContain("\n");
  }

  @Test
  void tooManySpansIsRefusedWhole() {
    Span.Builder[] spans = new Span.Builder[21];
    for (int i = 0; i < spans.length; i++) {
      spans[i] = span("s" + i);
    }
    assertThatThrownBy(() -> validator.traces(request(spans)))
        .isInstanceOf(RequestTooLargeException.class)
        .hasMessage("the request holds 21 spans, more than the limit of 20 per request; send smaller batches")
        .satisfies(e -> {
          assertThat(((RequestTooLargeException) e).items()).isEqualTo(21);
          assertThat(((RequestTooLargeException) e).limit()).isEqualTo(20);
        });
    assertThat(validator.traces(request(List.of(spans).subList(0, 20).toArray(Span.Builder[]::new))).rejected())
        .isZero();
  }
}
