package dev.sightline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A small shop's telemetry for the browser tests, sent over OTLP/HTTP: traces across four services
 * (every fifth with a declined payment: error spans in checkout and payments, an event and an ERROR log), their logs, a
 * 10,000-span trace, and a queue-depth gauge whose "orders" queue is high enough to fire an alert.
 */
final class UiTestData {
  static final int BIG_TRACE_SPANS = 10_000;
  private final Random random = new Random(42);
  private final TestServer server;
  private final Map<String, List<Span>> spansByService = new LinkedHashMap<>();
  private final Map<String, List<LogRecord>> logsByService = new LinkedHashMap<>();

  /** What the browser test looks for. */
  record Loaded(String errorTraceId, String paymentSpanId, String bigTraceId, int traces) {}

  private UiTestData(TestServer server) {
    this.server = server;
  }

  static Loaded load(TestServer server, Instant now) {
    return new UiTestData(server).send(now);
  }

  private Loaded send(Instant now) {
    int traces = 40;
    String errorTrace = null;
    String paymentSpan = null;
    for (int i = 0; i < traces; i++) {
      boolean declined = i % 5 == 2;
      long start = nanos(now) - (i * 40L + 30) * 1_000_000_000L;
      String[] ids = shopTrace(i, start, declined);
      if (declined && errorTrace == null) {
        errorTrace = ids[0];
        paymentSpan = ids[1];
      }
    }
    String big = bigTrace(nanos(now) - 120_000_000_000L);
    flushSpans();
    flushLogs();
    sendQueueDepth(now);
    server.awaitStored();
    return new Loaded(errorTrace, paymentSpan, big, traces + 1);
  }

  /** frontend → checkout → payments and inventory; returns the trace id and the payment span's id. */
  private String[] shopTrace(int n, long start, boolean declined) {
    ByteString trace = id(16);
    String route = n % 2 == 0 ? "/checkout" : "/cart/checkout";
    long total = 40_000_000L + random.nextInt(160) * 1_000_000L + (declined ? 300_000_000L : 0);
    ByteString root = span("frontend", trace, null, "GET " + route, Span.SpanKind.SPAN_KIND_SERVER, start, total, null,
        attrs("http.request.method", "GET", "http.route", route, "http.response.status_code", declined ? 502L : 200L));
    ByteString call = span("frontend", trace, root, "POST /orders", Span.SpanKind.SPAN_KIND_CLIENT,
        start + 2_000_000, total - 4_000_000, null, attrs("server.address", "checkout", "http.request.method", "POST"));
    ByteString order = span("checkout", trace, call, "POST /orders", Span.SpanKind.SPAN_KIND_SERVER,
        start + 3_000_000, total - 6_000_000, declined ? "payment declined: card expired" : null, attrs("order.id", "order-" + (1000 + n), "http.route", "/orders"));
    span("inventory", trace, order, "reserve items", Span.SpanKind.SPAN_KIND_SERVER, start + 5_000_000, 12_000_000L, null,
        attrs("items", (long) (1 + n % 4), "warehouse", n % 3 == 0 ? "berlin" : "lyon"));
    long payStart = start + 20_000_000;
    long payDuration = total - 30_000_000;
    ByteString payment = span("payments", trace, order, "charge card", Span.SpanKind.SPAN_KIND_INTERNAL, payStart, payDuration,
        declined ? "card expired" : null, attrs("payment.method", "card", "payment.amount", 20.5 + n, "order.id", "order-" + (1000 + n)));
    log("checkout", trace, order, start + 4_000_000, SeverityNumber.SEVERITY_NUMBER_INFO, "order order-" + (1000 + n) + " received");
    if (declined) {
      log("payments", trace, payment, payStart + payDuration / 2, SeverityNumber.SEVERITY_NUMBER_ERROR,
          "payment declined for order order-" + (1000 + n) + ": card expired");
    } else {
      log("payments", trace, payment, payStart + payDuration / 2, SeverityNumber.SEVERITY_NUMBER_INFO,
          "payment accepted for order order-" + (1000 + n));
    }
    return new String[] {HexFormat.of().formatHex(trace.toByteArray()), HexFormat.of().formatHex(payment.toByteArray())};
  }

  /** A batch import: a root, 99 chunks, 100 row writes under each; 10,000 spans over 30 s. */
  private String bigTrace(long start) {
    ByteString trace = id(16);
    ByteString root = span("batch-importer", trace, null, "import nightly batch", Span.SpanKind.SPAN_KIND_SERVER, start,
        30_000_000_000L, null, attrs("batch.rows", 9900L));
    for (int c = 0; c < 99; c++) {
      long chunkStart = start + c * 300_000_000L;
      ByteString chunk = span("batch-importer", trace, root, "import chunk " + c, Span.SpanKind.SPAN_KIND_INTERNAL, chunkStart,
          290_000_000L, null, attrs("chunk", (long) c));
      for (int r = 0; r < 100; r++) {
        span(r % 10 == 0 ? "storage" : "batch-importer", trace, chunk, r % 10 == 0 ? "INSERT rows" : "validate row",
            Span.SpanKind.SPAN_KIND_CLIENT, chunkStart + r * 2_800_000L, 2_500_000L, null, attrs("row", (long) (c * 100 + r)));
      }
    }
    return HexFormat.of().formatHex(trace.toByteArray());
  }

  private ByteString span(String service, ByteString trace, ByteString parent, String name, Span.SpanKind kind, long start,
      long duration, String error, List<KeyValue> attributes) {
    ByteString id = id(8);
    Span.Builder s = Span.newBuilder().setTraceId(trace).setSpanId(id).setName(name).setKind(kind)
        .setStartTimeUnixNano(start).setEndTimeUnixNano(start + duration).addAllAttributes(attributes);
    if (parent != null) {
      s.setParentSpanId(parent);
    }
    if (error != null) {
      s.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage(error));
      s.addEvents(Span.Event.newBuilder().setName("exception").setTimeUnixNano(start + duration / 2)
          .addAllAttributes(attrs("exception.type", "CardExpiredException", "exception.message", error)));
    }
    spansByService.computeIfAbsent(service, k -> new ArrayList<>()).add(s.build());
    return id;
  }

  private void log(String service, ByteString trace, ByteString span, long time, SeverityNumber severity, String body) {
    logsByService.computeIfAbsent(service, k -> new ArrayList<>()).add(LogRecord.newBuilder().setTimeUnixNano(time)
        .setSeverityNumber(severity).setSeverityText(severity.name().replace("SEVERITY_NUMBER_", ""))
        .setBody(AnyValue.newBuilder().setStringValue(body)).setTraceId(trace).setSpanId(span)
        .addAllAttributes(attrs("logger", service + ".Handler")).build());
  }

  private void flushSpans() {
    for (Map.Entry<String, List<Span>> e : spansByService.entrySet()) {
      List<Span> spans = e.getValue();
      for (int from = 0; from < spans.size(); from += 2_000) {
        post("/v1/traces", ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
            .setResource(resource(e.getKey())).addScopeSpans(ScopeSpans.newBuilder().setScope(scope())
                .addAllSpans(spans.subList(from, Math.min(spans.size(), from + 2_000))))).build());
      }
    }
  }

  private void flushLogs() {
    ExportLogsServiceRequest.Builder request = ExportLogsServiceRequest.newBuilder();
    logsByService.forEach((service, records) -> request.addResourceLogs(ResourceLogs.newBuilder().setResource(resource(service))
        .addScopeLogs(ScopeLogs.newBuilder().setScope(scope()).addAllLogRecords(records))));
    post("/v1/logs", request.build());
  }

  /** queue_depth every 15 s over the last 30 minutes: "orders" high (150), "emails" low. */
  private void sendQueueDepth(Instant now) {
    Gauge.Builder g = Gauge.newBuilder();
    for (int i = 0; i < 120; i++) {
      long t = nanos(now) - (120 - i) * 15_000_000_000L;
      g.addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(t).setAsDouble(150 + 20 * Math.sin(i / 8.0))
          .addAllAttributes(attrs("queue", "orders")));
      g.addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(t).setAsDouble(20 + 10 * Math.cos(i / 5.0))
          .addAllAttributes(attrs("queue", "emails")));
    }
    post("/v1/metrics", ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder()
        .setResource(resource("shop")).addScopeMetrics(ScopeMetrics.newBuilder()
            .addMetrics(Metric.newBuilder().setName("queue_depth").setDescription("messages waiting").setGauge(g)))).build());
  }

  private void post(String path, Message request) {
    assertThat(server.post(server.otlpHttp() + path, "application/x-protobuf", request.toByteArray()).statusCode())
        .as("POST " + path).isEqualTo(200);
  }

  private ByteString id(int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    b[0] |= 1; // never all zeros
    return ByteString.copyFrom(b);
  }

  private static Resource resource(String service) {
    return Resource.newBuilder().addAllAttributes(attrs("service.name", service, "service.version", "1.4.2",
        "deployment.environment.name", "staging", "host.name", service + "-7f9c")).build();
  }

  private static InstrumentationScope scope() {
    return InstrumentationScope.newBuilder().setName("dev.sightline.uitest").setVersion("1.0").build();
  }

  static List<KeyValue> attrs(Object... kv) {
    List<KeyValue> out = new ArrayList<>();
    for (int i = 0; i < kv.length; i += 2) {
      AnyValue.Builder v = AnyValue.newBuilder();
      switch (kv[i + 1]) {
        case Long l -> v.setIntValue(l);
        case Double d -> v.setDoubleValue(d);
        default -> v.setStringValue(kv[i + 1].toString());
      }
      out.add(KeyValue.newBuilder().setKey((String) kv[i]).setValue(v).build());
    }
    return out;
  }

  private static long nanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }
}
