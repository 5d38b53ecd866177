package dev.sightline.server;

import static dev.sightline.server.ProcessorsTest.hex;
import static dev.sightline.server.ProcessorsTest.traceId;
import static dev.sightline.server.ZipkinTest.span;
import static dev.sightline.server.ZipkinTest.trace;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpHeaders;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.RequestHeaders;
import io.jaegertracing.internal.JaegerSpan;
import io.jaegertracing.internal.JaegerSpanContext;
import io.jaegertracing.internal.JaegerTracer;
import io.jaegertracing.internal.reporters.RemoteReporter;
import io.jaegertracing.internal.samplers.ConstSampler;
import io.jaegertracing.internal.samplers.HttpSamplingManager;
import io.jaegertracing.internal.samplers.http.PerOperationSamplingParameters;
import io.jaegertracing.internal.samplers.http.SamplingStrategyResponse;
import io.jaegertracing.thrift.internal.senders.HttpSender;
import io.opentelemetry.sdk.extension.trace.jaeger.sampler.JaegerRemoteSampler;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentracing.References;
import io.opentracing.tag.Tags;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jaeger ingest and remote sampling through real clients: spans from the Jaeger Java client's
 * Thrift HTTP sender and PostSpans requests over gRPC come back through the trace API; the
 * OpenTelemetry SDK's Jaeger remote sampler (gRPC) and the Jaeger client's HTTP sampling manager
 * receive the pipeline's head and adaptive rates.
 */
class JaegerTest {
  private static final long START_NANOS = (System.currentTimeMillis() - 60_000) * 1_000_000L;
  @TempDir Path dir;

  private static String[] jaegerFlags(String... more) {
    List<String> flags = new ArrayList<>(List.of("--jaeger.enabled=true", "--jaeger.grpc.port=0", "--jaeger.http.port=0"));
    flags.addAll(List.of(more));
    return flags.toArray(String[]::new);
  }

  @Test
  void theJaegerClientSendsThriftOverHttp() throws Exception {
    try (TestServer server = new TestServer(dir.resolve("data"), jaegerFlags())) {
      HttpSender sender = new HttpSender.Builder("http://127.0.0.1:" + server.server.jaegerHttpPort() + "/api/traces").build();
      JaegerTracer tracer = new JaegerTracer.Builder("checkout")
          .withReporter(new RemoteReporter.Builder().withSender(sender).withFlushInterval(50).build())
          .withSampler(new ConstSampler(true)).withTraceId128Bit().withTag("region", "eu-west-1").build();
      JaegerSpan order = tracer.buildSpan("place order").withTag(Tags.SPAN_KIND.getKey(), Tags.SPAN_KIND_SERVER).start();
      JaegerSpan charge = tracer.buildSpan("charge card").asChildOf(order).withTag(Tags.SPAN_KIND.getKey(), Tags.SPAN_KIND_CLIENT)
          .withTag(Tags.ERROR.getKey(), true).withTag("amount.cents", 4200L).withTag("fx.rate", 0.5).start();
      charge.log(Map.of("event", "retry", "attempt", 2));
      charge.finish();
      order.finish();
      JaegerSpan email = tracer.buildSpan("send receipt").addReference(References.FOLLOWS_FROM, order.context()).start();
      email.finish();
      tracer.close(); // flushes the reporter

      JaegerSpanContext ctx = order.context();
      String traceId = String.format("%016x%016x", ctx.getTraceIdHigh(), ctx.getTraceIdLow());
      String orderId = String.format("%016x", ctx.getSpanId());
      JsonNode trace = trace(server, traceId, 3);
      JsonNode root = span(trace, "place order");
      assertThat(root.get("service").asText()).isEqualTo("checkout");
      assertThat(root.get("kind").asText()).isEqualTo("SERVER");
      assertThat(root.get("parentSpanId").asText()).isEmpty();
      assertThat(root.get("resource").get("attributes").get("region").asText()).isEqualTo("eu-west-1");
      assertThat(root.get("resource").get("attributes").get("jaeger.version").asText()).startsWith("Java-");
      assertThat(root.get("startTimeUnixNano").asLong() % 1000).as("Thrift times are microseconds").isZero();

      JsonNode child = span(trace, "charge card");
      assertThat(child.get("kind").asText()).isEqualTo("CLIENT");
      assertThat(child.get("parentSpanId").asText()).isEqualTo(orderId);
      assertThat(child.get("status").get("code").asText()).isEqualTo("ERROR");
      assertThat(child.get("attributes").has("error")).isFalse();
      assertThat(child.get("attributes").get("amount.cents").asLong()).isEqualTo(4200);
      assertThat(child.get("attributes").get("fx.rate").asDouble()).isEqualTo(0.5);
      assertThat(child.get("events").get(0).get("name").asText()).isEqualTo("retry");
      assertThat(child.get("events").get(0).get("attributes").get("attempt").asLong()).isEqualTo(2);

      JsonNode follower = span(trace, "send receipt");
      assertThat(follower.get("parentSpanId").asText()).isEqualTo(orderId);
      assertThat(follower.get("links").get(0).get("spanId").asText()).isEqualTo(orderId);
      assertThat(follower.get("links").get(0).get("attributes").get("opentracing.ref_type").asText()).isEqualTo("follows_from");
      assertThat(follower.get("kind").asText()).isEqualTo("UNSPECIFIED");
      assertThat(server.get("/metrics").body()).contains("transport=\"jaeger_thrift_http\"");
    }
  }

  @Test
  void postSpansOverGrpcStoresTheGoodSpansAndNamesTheBadOnes() {
    try (TestServer server = new TestServer(dir.resolve("data"), jaegerFlags())) {
      byte[] trace = traceId(77);
      byte[] request = new JaegerProtoBatch().process("inventory", "host.name", "node-7")
          .span(trace, id(1), "reserve", START_NANOS, 3_000_000, new byte[0],
              List.of("span.kind", "server", "otel.status_code", "ERROR", "otel.status_description", "out of stock",
                  "sku", "A-1", "qty", 3L), "cache miss")
          .span(trace, id(2), "SELECT stock", START_NANOS + 100_000, 1_000_000, id(1), List.of("span.kind", "client"), "")
          .span(trace, new byte[] {1, 2, 3}, "bad id", START_NANOS, 1, new byte[0], List.of(), "")
          .toRequest();
      HttpHeaders status = grpc(server, "/jaeger.api_v2.CollectorService/PostSpans", request).status;
      assertThat(status.get("grpc-status")).isEqualTo("3"); // INVALID_ARGUMENT, not retried by clients
      assertThat(message(status)).contains("1 of 3 spans were not stored", "span[2]: span_id has 3 bytes; expected 8");

      JsonNode stored = trace(server, hex(trace), 2);
      JsonNode reserve = span(stored, "reserve");
      assertThat(reserve.get("service").asText()).isEqualTo("inventory");
      assertThat(reserve.get("resource").get("attributes").get("host.name").asText()).isEqualTo("node-7");
      assertThat(reserve.get("kind").asText()).isEqualTo("SERVER");
      assertThat(reserve.get("startTimeUnixNano").asLong()).isEqualTo(START_NANOS);
      assertThat(reserve.get("durationNanos").asLong()).isEqualTo(3_000_000);
      assertThat(reserve.get("status").get("code").asText()).isEqualTo("ERROR");
      assertThat(reserve.get("status").get("message").asText()).isEqualTo("out of stock");
      assertThat(reserve.get("attributes").get("qty").asLong()).isEqualTo(3);
      assertThat(reserve.get("attributes").has("span.kind")).isFalse();
      assertThat(reserve.get("events").get(0).get("name").asText()).isEqualTo("cache miss");
      JsonNode select = span(stored, "SELECT stock");
      assertThat(select.get("parentSpanId").asText()).isEqualTo(hex(id(1)));
      assertThat(select.get("links")).isEmpty();

      GrpcAnswer ok = grpc(server, "/jaeger.api_v2.CollectorService/PostSpans", new JaegerProtoBatch().process("inventory")
          .span(traceId(78), id(1), "ok", START_NANOS, 1000, new byte[0], List.of(), "").toRequest());
      assertThat(ok.status.get("grpc-status")).isEqualTo("0");
      GrpcAnswer garbage = grpc(server, "/jaeger.api_v2.CollectorService/PostSpans", new byte[] {10, 50, 1});
      assertThat(garbage.status.get("grpc-status")).isEqualTo("3");
      assertThat(message(garbage.status)).contains("jaeger.api_v2.PostSpansRequest");
      assertThat(server.get("/metrics").body()).contains(
          "sightline_jaeger_malformed_spans_total{transport=\"jaeger_grpc\"} 1",
          "sightline_jaeger_unreadable_requests_total{transport=\"jaeger_grpc\"} 1");
    }
  }

  @Test
  void thriftBodiesThatAreNotBatchesAreRefusedClearly() {
    try (TestServer server = new TestServer(dir.resolve("data"), jaegerFlags())) {
      String url = "http://127.0.0.1:" + server.server.jaegerHttpPort() + "/api/traces";
      HttpResponse<String> truncated = server.post(url, "application/x-thrift", new byte[] {12, 0, 1, 11, 0, 1, 0, 0, 0, 9, 'a'});
      assertThat(truncated.statusCode()).isEqualTo(400);
      assertThat(truncated.body()).contains("not a Thrift binary jaeger.Batch", "a string of 9 bytes where 1 are left");
      HttpResponse<String> json = server.post(url, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
      assertThat(json.statusCode()).isEqualTo(415);
      assertThat(json.body()).contains("application/x-thrift");
    }
  }

  @Test
  void remoteSamplersReceiveTheHeadAndAdaptiveRates() throws Exception {
    Path yaml = dir.resolve("sightline.yaml");
    Files.writeString(yaml, """
        processors:
          probabilistic_sampler: {percentage: 50}
          tail_sampling:
            decision_wait: 1s
            policies: [{name: adaptive, type: adaptive, traces_per_second: 1, window: 10s}]
        pipelines:
          traces: [probabilistic_sampler, tail_sampling]
        """);
    MutableClock clock = new MutableClock(Instant.now());
    try (TestServer server = new TestServer(dir.resolve("data"), clock, jaegerFlags("--config=" + yaml))) {
      String strategies = "http://127.0.0.1:" + server.server.jaegerHttpPort() + "/api/sampling?service=shop";
      assertThat(server.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(strategies)).build(),
          HttpResponse.BodyHandlers.ofString()).body())
          .isEqualTo("{\"strategyType\":\"PROBABILISTIC\",\"probabilisticSampling\":{\"samplingRate\":0.5}}");

      JaegerProtoBatch batch = new JaegerProtoBatch().process("shop");
      long start = clock.millis() * 1_000_000L;
      for (int i = 0; i < 400; i++) {
        batch.span(spreadTraceId(5000 + i), id(1), "GET /hot", start, 1000, new byte[0], List.of("span.kind", "server"), "");
      }
      for (int i = 0; i < 8; i++) { // the head sampler keeps about half of them
        batch.span(spreadTraceId(9000 + i), id(1), "GET /rare", start, 1000, new byte[0], List.of("span.kind", "server"), "");
      }
      assertThat(grpc(server, "/jaeger.api_v2.CollectorService/PostSpans", batch.toRequest()).status.get("grpc-status")).isEqualTo("0");
      server.awaitStored();
      clock.advance(Duration.ofSeconds(2));
      TestServer.await("adaptive rates for both operations", () -> rates(server).size() == 2);
      Map<String, Double> rates = rates(server);
      assertThat(rates.get("GET /hot")).isLessThan(0.5);

      try (JaegerRemoteSampler sampler = JaegerRemoteSampler.builder()
          .setEndpoint("http://127.0.0.1:" + server.server.jaegerGrpcPort()).setServiceName("shop")
          .setPollingInterval(Duration.ofMillis(100)).setInitialSampler(Sampler.alwaysOff()).build()) {
        TestServer.await("the SDK's sampler to take per-operation rates", () -> sampler.toString().contains("PerOperationSampler"));
        assertThat(sampler.toString()).contains("default=TraceIdRatioBased{0.500000}",
            "GET /hot=TraceIdRatioBased{" + String.format("%.6f", rates.get("GET /hot")) + "}",
            "GET /rare=TraceIdRatioBased{0.500000}");
      }

      SamplingStrategyResponse legacy = new HttpSamplingManager("127.0.0.1:" + server.server.jaegerHttpPort())
          .getSamplingStrategy("shop");
      assertThat(legacy.getProbabilisticSampling().getSamplingRate()).isEqualTo(0.5);
      assertThat(legacy.getOperationSampling().getDefaultSamplingProbability()).isEqualTo(0.5);
      Map<String, Double> served = new HashMap<>();
      for (PerOperationSamplingParameters op : legacy.getOperationSampling().getPerOperationStrategies()) {
        served.put(op.getOperation(), op.getProbabilisticSampling().getSamplingRate());
      }
      assertThat(served).containsEntry("GET /hot", rates.get("GET /hot")).containsEntry("GET /rare", 0.5);

      HttpResponse<String> noService = server.http.send(java.net.http.HttpRequest.newBuilder(
          java.net.URI.create("http://127.0.0.1:" + server.server.jaegerHttpPort() + "/api/sampling")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(noService.statusCode()).isEqualTo(400);
      assertThat(noService.body()).startsWith("service: required");
    }
  }

  @Test
  void aConfiguredProbabilityReplacesThePipelinesRate() throws Exception {
    try (TestServer server = new TestServer(dir.resolve("data"), jaegerFlags("--jaeger.sampling.probability=0.125"))) {
      try (JaegerRemoteSampler sampler = JaegerRemoteSampler.builder()
          .setEndpoint("http://127.0.0.1:" + server.server.jaegerGrpcPort()).setServiceName("anything")
          .setPollingInterval(Duration.ofMillis(100)).setInitialSampler(Sampler.alwaysOn()).build()) {
        TestServer.await("the SDK's sampler to take the configured rate", () -> sampler.toString().contains("TraceIdRatioBased{0.125000}"));
      }
    }
  }

  private static Map<String, Double> rates(TestServer server) {
    Map<String, Double> byOperation = new HashMap<>();
    for (JsonNode r : server.getJson("/api/v1/sampling/rates").get("rates")) {
      byOperation.put(r.get("operation").asText(), r.get("probability").asDouble());
    }
    return byOperation;
  }

  /** Trace ids whose low bits, which samplers read as randomness, spread over the whole range. */
  private static byte[] spreadTraceId(long n) {
    return ByteBuffer.allocate(16).putLong(0x5eed).putLong(n * 0x9E3779B97F4A7C15L).array();
  }

  private static byte[] id(long n) {
    return ByteBuffer.allocate(8).putLong(n).array();
  }

  private record GrpcAnswer(HttpHeaders status, AggregatedHttpResponse response) {}

  /** One unary gRPC call with the message's bytes, over HTTP/2 as any gRPC client makes it. */
  private static GrpcAnswer grpc(TestServer server, String path, byte[] message) {
    ByteBuffer frame = ByteBuffer.allocate(5 + message.length).put((byte) 0).putInt(message.length).put(message);
    AggregatedHttpResponse r = WebClient.of("h2c://127.0.0.1:" + server.server.jaegerGrpcPort()).execute(
        RequestHeaders.of(HttpMethod.POST, path, HttpHeaderNames.CONTENT_TYPE, "application/grpc", HttpHeaderNames.TE, "trailers"),
        HttpData.wrap(frame.array())).aggregate().join();
    return new GrpcAnswer(r.trailers().isEmpty() ? r.headers() : r.trailers(), r);
  }

  private static String message(HttpHeaders status) {
    return URLDecoder.decode(status.get("grpc-message", ""), StandardCharsets.UTF_8);
  }
}
