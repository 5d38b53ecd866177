package dev.sightline.server;

import static dev.sightline.server.JaegerQueryApiTest.NOW_MS;
import static dev.sightline.server.JaegerQueryApiTest.START_NANOS;
import static dev.sightline.server.JaegerQueryApiTest.TRACE;
import static dev.sightline.server.ProcessorsTest.hex;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Zipkin v2 query API answered to requests in the shapes Grafana's Zipkin data source and the
 * Zipkin UI send (base URL {@code http://sightline:8080/zipkin}), checked against the Zipkin v2 model.
 */
class ZipkinQueryApiTest {
  @TempDir static Path dir;
  static TestServer server;

  @BeforeAll
  static void start() {
    server = new TestServer(dir);
    assertThat(server.post(server.otlpHttp() + "/v1/traces", "application/x-protobuf",
        JaegerQueryApiTest.checkout().toByteArray()).statusCode()).isEqualTo(200);
    server.awaitStored();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void servicesAndSpanNames() {
    assertThat(texts(server.getJson("/zipkin/api/v2/services"))).contains("frontend", "payments");
    assertThat(texts(server.getJson("/zipkin/api/v2/spans?serviceName=frontend")))
        .containsExactlyInAnyOrder("GET /checkout", "POST /charge");
    assertThat(server.getJson("/zipkin/api/v2/autocompleteKeys").isArray()).isTrue();
  }

  @Test
  void aTraceInTheZipkinModel() {
    JsonNode spans = server.getJson("/zipkin/api/v2/trace/" + hex(TRACE));
    assertThat(spans).hasSize(3);
    JsonNode root = null;
    JsonNode charge = null;
    for (JsonNode s : spans) {
      if (s.get("id").asText().equals("0000000000000001")) {
        root = s;
      } else if (s.get("id").asText().equals("0000000000000002")) {
        charge = s;
      }
    }
    assertThat(root.has("parentId")).isFalse();
    assertThat(root.get("kind").asText()).isEqualTo("SERVER");
    assertThat(root.get("name").asText()).isEqualTo("GET /checkout");
    assertThat(root.get("timestamp").asLong()).isEqualTo(START_NANOS / 1000);
    assertThat(root.get("duration").asLong()).isEqualTo(120_000);
    assertThat(root.get("localEndpoint").get("serviceName").asText()).isEqualTo("frontend");
    assertThat(root.get("tags").get("http.status_code").asText()).isEqualTo("500");
    assertThat(root.get("tags").get("error").asText()).isEqualTo("card declined");
    assertThat(root.get("annotations").get(0).get("value").asText()).startsWith("\"retry\":").contains("attempt");
    assertThat(charge.get("parentId").asText()).isEqualTo("0000000000000001");
    assertThat(charge.get("kind").asText()).isEqualTo("CLIENT");
    assertThat(charge.get("remoteEndpoint").get("serviceName").asText()).isEqualTo("payments");
  }

  @Test
  void searchAsTheZipkinUiSendsIt() {
    String query = "/zipkin/api/v2/traces?serviceName=frontend&spanName=" + enc("GET /checkout")
        + "&annotationQuery=" + enc("http.route=/checkout and error") + "&minDuration=100000&endTs=" + (NOW_MS + 60_000)
        + "&lookback=3600000&limit=10";
    JsonNode traces = server.getJson(query);
    assertThat(traces).singleElement().satisfies(t -> assertThat(t).hasSize(3));
    assertThat(server.getJson(query.replace("minDuration=100000", "minDuration=1000000"))).isEmpty();
    assertThat(server.getJson("/zipkin/api/v2/traceMany?traceIds=" + hex(TRACE) + ",abc")).hasSize(1);
  }

  @Test
  void dependenciesWithCallsAndErrors() {
    String url = "/zipkin/api/v2/dependencies?endTs=" + (NOW_MS + 120_000) + "&lookback=7200000";
    TestServer.await("the frontend → payments link", () -> server.getJson(url).toString().contains("payments"));
    JsonNode link = server.getJson(url).get(0);
    assertThat(link.get("parent").asText()).isEqualTo("frontend");
    assertThat(link.get("child").asText()).isEqualTo("payments");
    assertThat(link.get("callCount").asLong()).isPositive();
    assertThat(texts(server.getJson("/zipkin/api/v2/remoteServices?serviceName=frontend"))).contains("payments");
  }

  @Test
  void badInputIs400WithTheReason() {
    var r = server.get("/zipkin/api/v2/traces?annotationQuery=" + enc("slow"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("'slow' is not supported");
    assertThat(server.get("/zipkin/api/v2/trace/xyz").statusCode()).isEqualTo(400);
    assertThat(server.get("/zipkin/api/v2/trace/" + "cd".repeat(16)).statusCode()).isEqualTo(404);
    assertThat(server.get("/zipkin/api/v2/spans").body()).contains("'serviceName' is required");
  }
}
