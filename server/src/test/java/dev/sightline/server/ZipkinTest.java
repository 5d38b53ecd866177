package dev.sightline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import zipkin2.Endpoint;
import zipkin2.Span;
import zipkin2.reporter.AsyncReporter;
import zipkin2.reporter.Encoding;
import zipkin2.reporter.InMemoryReporterMetrics;
import zipkin2.reporter.SpanBytesEncoder;
import zipkin2.reporter.urlconnection.URLConnectionSender;

/** Spans sent by the real Zipkin reporter, and v1 and malformed bodies by HTTP, come back through the trace API. */
class ZipkinTest {
  private static final long START_MICROS = System.currentTimeMillis() * 1000 - 60_000_000L;
  @TempDir Path data;

  private static TestServer zipkinServer(Path data) {
    return new TestServer(data, "--zipkin.enabled=true", "--zipkin.port=0");
  }

  private static String zipkin(TestServer server, String path) {
    return "http://127.0.0.1:" + server.server.zipkinPort() + path;
  }

  static JsonNode trace(TestServer server, String traceId, int spans) {
    TestServer.await("trace " + traceId + " with " + spans + " spans", () -> {
      HttpResponse<String> r = server.get("/api/v1/traces/" + traceId);
      try {
        return r.statusCode() == 200 && TestServer.JSON.readTree(r.body()).get("spans").size() == spans;
      } catch (java.io.IOException e) {
        return false;
      }
    });
    return server.getJson("/api/v1/traces/" + traceId);
  }

  static JsonNode span(JsonNode trace, String name) {
    for (JsonNode s : trace.get("spans")) {
      if (s.get("name").asText().equals(name)) {
        return s;
      }
    }
    throw new AssertionError("no span " + name + " in " + trace);
  }

  private static Span[] clientAndServer(String traceId) {
    Endpoint frontend = Endpoint.newBuilder().serviceName("frontend").ip("192.168.1.10").port(8080).build();
    Endpoint backend = Endpoint.newBuilder().serviceName("backend").ip("2001:db8::c001").port(9000).build();
    Span client = Span.newBuilder().traceId(traceId).id("00000000000000a1").name("get /api")
        .kind(Span.Kind.CLIENT).timestamp(START_MICROS).duration(1500)
        .localEndpoint(frontend).remoteEndpoint(backend)
        .addAnnotation(START_MICROS + 10, "wire send").putTag("http.method", "GET").putTag("error", "connection reset")
        .build();
    Span server = Span.newBuilder().traceId(traceId).parentId("00000000000000a1").id("00000000000000b2").name("handle")
        .kind(Span.Kind.SERVER).timestamp(START_MICROS + 100).duration(1000).localEndpoint(backend).shared(true).debug(true)
        .putTag("otel.status_code", "OK").build();
    return new Span[] {client, server};
  }

  private static void report(TestServer server, Encoding encoding, SpanBytesEncoder encoder, Span... spans) {
    InMemoryReporterMetrics metrics = new InMemoryReporterMetrics();
    try (URLConnectionSender sender = URLConnectionSender.newBuilder().endpoint(zipkin(server, "/api/v2/spans"))
        .encoding(encoding).compressionEnabled(true).build();
        AsyncReporter<Span> reporter = AsyncReporter.builder(sender).metrics(metrics).build(encoder)) {
      for (Span s : spans) {
        reporter.report(s);
      }
      reporter.flush();
    }
    assertThat(metrics.spansDropped()).as("spans the reporter failed to send").isZero();
    assertThat(metrics.messages()).isPositive();
  }

  private static void assertClientAndServer(JsonNode trace, String traceId) {
    JsonNode client = span(trace, "get /api");
    assertThat(client.get("traceId").asText()).isEqualTo(String.format("%32s", traceId).replace(' ', '0'));
    assertThat(client.get("spanId").asText()).isEqualTo("00000000000000a1");
    assertThat(client.get("service").asText()).isEqualTo("frontend");
    assertThat(client.get("kind").asText()).isEqualTo("CLIENT");
    assertThat(client.get("startTimeUnixNano").asLong()).isEqualTo(START_MICROS * 1000);
    assertThat(client.get("durationNanos").asLong()).isEqualTo(1_500_000);
    assertThat(client.get("attributes").get("http.method").asText()).isEqualTo("GET");
    assertThat(client.get("attributes").get("network.local.address").asText()).isEqualTo("192.168.1.10");
    assertThat(client.get("attributes").get("network.local.port").asLong()).isEqualTo(8080);
    assertThat(client.get("attributes").get("peer.service").asText()).isEqualTo("backend");
    assertThat(client.get("attributes").get("network.peer.address").asText()).isEqualTo("2001:db8::c001");
    assertThat(client.get("attributes").has("error")).isFalse();
    assertThat(client.get("status").get("code").asText()).isEqualTo("ERROR");
    assertThat(client.get("status").get("message").asText()).isEqualTo("connection reset");
    assertThat(client.get("events").get(0).get("name").asText()).isEqualTo("wire send");
    assertThat(client.get("events").get(0).get("timeUnixNano").asLong()).isEqualTo((START_MICROS + 10) * 1000);

    JsonNode server = span(trace, "handle");
    assertThat(server.get("service").asText()).isEqualTo("backend");
    assertThat(server.get("kind").asText()).isEqualTo("SERVER");
    assertThat(server.get("parentSpanId").asText()).isEqualTo("00000000000000a1");
    assertThat(server.get("attributes").get("zipkin.shared").asBoolean()).isTrue();
    assertThat(server.get("status").get("code").asText()).isEqualTo("OK");
  }

  @Test
  void theZipkinReporterSendsJsonAndProto3() {
    try (TestServer server = zipkinServer(data)) {
      report(server, Encoding.JSON, SpanBytesEncoder.JSON_V2, clientAndServer("463ac35c9f6413ad"));
      assertClientAndServer(trace(server, "0000000000000000463ac35c9f6413ad", 2), "463ac35c9f6413ad");

      String traceId = "5af7183fb1d4cf5f463ac35c9f6413ad";
      report(server, Encoding.PROTO3, SpanBytesEncoder.PROTO3, clientAndServer(traceId));
      assertClientAndServer(trace(server, traceId, 2), traceId);
      assertThat(server.get("/metrics").body()).contains("sightline_items_accepted_total{", "transport=\"zipkin\"");
    }
  }

  @Test
  void v1SpansAndGoodSpansAroundBadOnesAreStored() throws Exception {
    try (TestServer server = zipkinServer(data)) {
      long t = START_MICROS;
      String v1 = """
          [{"traceId":"00000000000000000000000000000abc","id":"0000000000000001","name":"checkout",
            "annotations":[
              {"timestamp":%d,"value":"cs","endpoint":{"serviceName":"web","ipv4":"10.0.0.1"}},
              {"timestamp":%d,"value":"cr","endpoint":{"serviceName":"web","ipv4":"10.0.0.1"}},
              {"timestamp":%d,"value":"cache miss","endpoint":{"serviceName":"web","ipv4":"10.0.0.1"}}],
            "binaryAnnotations":[
              {"key":"http.path","value":"/cart","endpoint":{"serviceName":"web"}},
              {"key":"sa","value":true,"endpoint":{"serviceName":"cart","ipv4":"10.0.0.2","port":7000}}]}]
          """.formatted(t, t + 2000, t + 500);
      HttpResponse<String> r = server.post(zipkin(server, "/api/v1/spans"), "application/json",
          v1.getBytes(StandardCharsets.UTF_8));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
      JsonNode span = span(trace(server, "00000000000000000000000000000abc", 1), "checkout");
      assertThat(span.get("service").asText()).isEqualTo("web");
      assertThat(span.get("kind").asText()).isEqualTo("CLIENT");
      assertThat(span.get("startTimeUnixNano").asLong()).isEqualTo(t * 1000);
      assertThat(span.get("durationNanos").asLong()).isEqualTo(2_000_000);
      assertThat(span.get("attributes").get("http.path").asText()).isEqualTo("/cart");
      assertThat(span.get("attributes").get("peer.service").asText()).isEqualTo("cart");
      assertThat(span.get("attributes").get("network.peer.port").asLong()).isEqualTo(7000);
      assertThat(span.get("events").get(0).get("name").asText()).isEqualTo("cache miss");

      String mixed = """
          [{"traceId":"def","id":"1","name":"good one","timestamp":%d,"duration":10,"localEndpoint":{"serviceName":"Svc"}},
           {"traceId":"xyz","id":"2","name":"bad id","timestamp":%d},
           {"traceId":"def","id":"3","name":"no time"},
           {"traceId":"def","id":"4","name":"good two","timestamp":%d,"kind":"PRODUCER"}]
          """.formatted(t, t, t);
      r = server.post(zipkin(server, "/api/v2/spans"), "application/json", gzip(mixed), "Content-Encoding", "gzip");
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.body()).contains("2 of 4 spans were not stored", "span[1]: traceId 'xyz' is not hex",
          "span[2]: timestamp is missing");
      JsonNode good = trace(server, "00000000000000000000000000000def", 2);
      assertThat(span(good, "good one").get("service").asText()).isEqualTo("svc");
      assertThat(span(good, "good one").get("kind").asText()).isEqualTo("INTERNAL");
      assertThat(span(good, "good two").get("kind").asText()).isEqualTo("PRODUCER");

      r = server.post(zipkin(server, "/api/v2/spans"), "application/json", "{\"traceId\":".getBytes(StandardCharsets.UTF_8));
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.body()).startsWith("the body is not JSON");
      r = server.post(zipkin(server, "/api/v2/spans"), "application/x-protobuf", new byte[] {10, 50, 1});
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.body()).contains("zipkin.proto3.ListOfSpans");
      r = server.post(zipkin(server, "/api/v2/spans"), "text/plain", new byte[] {1});
      assertThat(r.statusCode()).isEqualTo(415);

      String metrics = server.get("/metrics").body();
      assertThat(metrics).contains("sightline_zipkin_malformed_spans_total 2", "sightline_zipkin_unreadable_requests_total 2");
    }
  }

  private static byte[] gzip(String s) throws java.io.IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(s.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }
}
