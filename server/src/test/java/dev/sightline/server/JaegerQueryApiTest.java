package dev.sightline.server;

import static dev.sightline.server.ProcessorsTest.attr;
import static dev.sightline.server.ProcessorsTest.hex;
import static dev.sightline.server.ProcessorsTest.traceId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Jaeger query API answered to requests in the shapes Grafana's Jaeger data source sends
 * (base URL {@code http://sightline:8080/jaeger}), checked against the Jaeger JSON model.
 */
class JaegerQueryApiTest {
  static final long NOW_MS = System.currentTimeMillis();
  static final long START_NANOS = (NOW_MS - 60_000) * 1_000_000L;
  static final byte[] TRACE = traceId(4242);
  @TempDir static Path dir;
  static TestServer server;

  private static ByteString spanId(long n) {
    return ByteString.copyFrom(ByteBuffer.allocate(8).putLong(n).array());
  }

  @BeforeAll
  static void start() {
    server = new TestServer(dir);
    assertThat(server.post(server.otlpHttp() + "/v1/traces", "application/x-protobuf", checkout().toByteArray()).statusCode())
        .isEqualTo(200);
    server.awaitStored();
  }

  /** frontend's GET /checkout (an error, with an event) calling POST /charge on payments. */
  static ExportTraceServiceRequest checkout() {
    Span root = Span.newBuilder().setTraceId(ByteString.copyFrom(TRACE)).setSpanId(spanId(1)).setName("GET /checkout")
        .setKind(Span.SpanKind.SPAN_KIND_SERVER).setStartTimeUnixNano(START_NANOS).setEndTimeUnixNano(START_NANOS + 120_000_000)
        .addAttributes(attr("http.route", "/checkout"))
        .addAttributes(io.opentelemetry.proto.common.v1.KeyValue.newBuilder().setKey("http.status_code")
            .setValue(AnyValue.newBuilder().setIntValue(500)))
        .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("card declined"))
        .addEvents(Span.Event.newBuilder().setName("retry").setTimeUnixNano(START_NANOS + 1_000_000)
            .addAttributes(attr("attempt", "2")))
        .build();
    Span child = Span.newBuilder().setTraceId(ByteString.copyFrom(TRACE)).setSpanId(spanId(2)).setParentSpanId(spanId(1))
        .setName("POST /charge").setKind(Span.SpanKind.SPAN_KIND_CLIENT).setStartTimeUnixNano(START_NANOS + 5_000_000)
        .setEndTimeUnixNano(START_NANOS + 100_000_000).addAttributes(attr("peer.service", "payments")).build();
    Span server2 = child.toBuilder().setSpanId(spanId(3)).setParentSpanId(spanId(2)).setKind(Span.SpanKind.SPAN_KIND_SERVER)
        .clearAttributes().build();
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(resource("frontend", root, child)).addResourceSpans(resource("payments", server2)).build();
  }

  private static ResourceSpans resource(String service, Span... spans) {
    return ResourceSpans.newBuilder().setResource(Resource.newBuilder().addAttributes(attr("service.name", service))
        .addAttributes(attr("host.name", "node-7")))
        .addScopeSpans(ScopeSpans.newBuilder().setScope(InstrumentationScope.newBuilder().setName("io.opentelemetry.okhttp")
            .setVersion("1.2")).addAllSpans(List.of(spans))).build();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static JsonNode tag(JsonNode tags, String key) {
    for (JsonNode t : tags) {
      if (t.get("key").asText().equals(key)) {
        return t;
      }
    }
    throw new AssertionError("no tag " + key + " in " + tags);
  }

  @Test
  void servicesAndOperations() {
    JsonNode services = server.getJson("/jaeger/api/services");
    assertThat(texts(services.get("data"))).contains("frontend", "payments");
    assertThat(services.get("total").asInt()).isEqualTo(services.get("data").size());
    assertThat(services.get("errors").isNull()).isTrue();
    assertThat(texts(server.getJson("/jaeger/api/services/" + enc("frontend") + "/operations").get("data")))
        .containsExactlyInAnyOrder("GET /checkout", "POST /charge");
    JsonNode ops = server.getJson("/jaeger/api/operations?service=frontend&spanKind=server").get("data");
    assertThat(ops).singleElement().satisfies(o -> {
      assertThat(o.get("name").asText()).isEqualTo("GET /checkout");
      assertThat(o.get("spanKind").asText()).isEqualTo("server");
    });
  }

  @Test
  void searchAsGrafanaSendsIt() {
    String query = "/jaeger/api/traces?service=frontend&operation=" + enc("GET /checkout")
        + "&tags=" + enc("{\"http.status_code\":\"500\"}") + "&minDuration=100ms&maxDuration=&limit=20"
        + "&start=" + (NOW_MS - 3_600_000) * 1000 + "&end=" + (NOW_MS + 60_000) * 1000;
    JsonNode answer = server.getJson(query);
    assertThat(answer.get("data")).singleElement().satisfies(t -> assertThat(t.get("traceID").asText()).isEqualTo(hex(TRACE)));
    String tooSlow = query.replace("minDuration=100ms", "minDuration=1s");
    assertThat(server.getJson(tooSlow).get("data")).isEmpty();
  }

  @Test
  void aTraceInTheJaegerModel() {
    JsonNode trace = server.getJson("/jaeger/api/traces/" + hex(TRACE)).get("data").get(0);
    assertThat(trace.get("traceID").asText()).isEqualTo(hex(TRACE));
    JsonNode spans = trace.get("spans");
    assertThat(spans).hasSize(3);
    JsonNode root = null;
    JsonNode charge = null;
    for (JsonNode s : spans) {
      if (s.get("spanID").asText().equals("0000000000000001")) {
        root = s;
      } else if (s.get("spanID").asText().equals("0000000000000002")) {
        charge = s;
      }
    }
    assertThat(root).isNotNull();
    assertThat(root.get("operationName").asText()).isEqualTo("GET /checkout");
    assertThat(root.get("startTime").asLong()).isEqualTo(START_NANOS / 1000);
    assertThat(root.get("duration").asLong()).isEqualTo(120_000);
    assertThat(root.get("references")).isEmpty();
    assertThat(tag(root.get("tags"), "http.status_code").get("type").asText()).isEqualTo("int64");
    assertThat(tag(root.get("tags"), "http.status_code").get("value").asLong()).isEqualTo(500);
    assertThat(tag(root.get("tags"), "span.kind").get("value").asText()).isEqualTo("server");
    assertThat(tag(root.get("tags"), "error").get("value").asBoolean()).isTrue();
    assertThat(tag(root.get("tags"), "otel.status_description").get("value").asText()).isEqualTo("card declined");
    assertThat(tag(root.get("tags"), "otel.scope.name").get("value").asText()).isEqualTo("io.opentelemetry.okhttp");
    JsonNode log = root.get("logs").get(0);
    assertThat(log.get("timestamp").asLong()).isEqualTo(START_NANOS / 1000 + 1000);
    assertThat(tag(log.get("fields"), "event").get("value").asText()).isEqualTo("retry");
    assertThat(tag(log.get("fields"), "attempt").get("value").asText()).isEqualTo("2");
    assertThat(charge.get("references")).singleElement().satisfies(r -> {
      assertThat(r.get("refType").asText()).isEqualTo("CHILD_OF");
      assertThat(r.get("spanID").asText()).isEqualTo("0000000000000001");
    });
    JsonNode process = trace.get("processes").get(root.get("processID").asText());
    assertThat(process.get("serviceName").asText()).isEqualTo("frontend");
    assertThat(tag(process.get("tags"), "host.name").get("value").asText()).isEqualTo("node-7");
    assertThat(trace.get("processes").size()).isEqualTo(2);
  }

  @Test
  void dependenciesFromTheServiceGraph() {
    TestServer.await("the frontend → payments edge", () -> server.getJson("/jaeger/api/dependencies?endTs=" + (NOW_MS + 120_000)
        + "&lookback=" + 7_200_000).get("data").toString().contains("payments"));
    JsonNode edge = server.getJson("/jaeger/api/dependencies?endTs=" + (NOW_MS + 120_000) + "&lookback=7200000").get("data").get(0);
    assertThat(edge.get("parent").asText()).isEqualTo("frontend");
    assertThat(edge.get("child").asText()).isEqualTo("payments");
    assertThat(edge.get("callCount").asLong()).isPositive();
  }

  @Test
  void badInputIsAnswerdInJaegersErrorEnvelope() throws Exception {
    var missing = server.get("/jaeger/api/traces?limit=20");
    assertThat(missing.statusCode()).isEqualTo(400);
    JsonNode body = TestServer.JSON.readTree(missing.body());
    assertThat(body.get("data").isNull()).isTrue();
    assertThat(body.get("errors").get(0).get("code").asInt()).isEqualTo(400);
    assertThat(body.get("errors").get(0).get("msg").asText()).contains("'service' is required");
    assertThat(server.get("/jaeger/api/traces/" + "ab".repeat(16)).statusCode()).isEqualTo(404);
    assertThat(server.get("/jaeger/api/traces?service=frontend&tags=" + enc("[1]")).body()).contains("tags: expected a JSON object");
  }
}
