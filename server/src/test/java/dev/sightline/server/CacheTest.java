package dev.sightline.server;

import static dev.sightline.server.ProcessorsTest.hex;
import static dev.sightline.server.ProcessorsTest.resourceSpans;
import static dev.sightline.server.ProcessorsTest.span;
import static dev.sightline.server.ProcessorsTest.traceId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-process query cache seen from outside: a trace read twice is served from L1 the second
 * time, a late span of a cached trace shows in the next read, and two tenants with the same trace
 * id each read their own spans.
 */
class CacheTest {
  @TempDir static Path dir;
  static TestServer server;

  @BeforeAll
  static void start() {
    server = new TestServer(dir);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void secondReadIsACacheHitAndALateSpanShowsInTheNextRead() {
    byte[] trace = traceId(1);
    send(server, "default", resourceSpans("checkout", span(trace, 1, "POST /pay")));
    server.awaitStored();
    long hitsBefore = cacheCount(server, "trace", "l1", "hit");

    assertThat(spanNames(server, "default", trace)).containsExactly("POST /pay");
    assertThat(spanNames(server, "default", trace)).containsExactly("POST /pay");
    assertThat(cacheCount(server, "trace", "l1", "hit")).isEqualTo(hitsBefore + 1);

    send(server, "default", resourceSpans("checkout", span(trace, 2, "charge card")));
    server.awaitStored();
    assertThat(spanNames(server, "default", trace)).containsExactlyInAnyOrder("POST /pay", "charge card");
  }

  @Test
  void tenantsWithTheSameTraceIdReadOnlyTheirOwnSpans() {
    byte[] trace = traceId(2);
    send(server, "acme", resourceSpans("checkout", span(trace, 1, "acme pays")));
    send(server, "globex", resourceSpans("checkout", span(trace, 1, "globex pays")));
    server.awaitStored();
    for (int read = 0; read < 2; read++) {
      assertThat(spanNames(server, "acme", trace)).containsExactly("acme pays");
      assertThat(spanNames(server, "globex", trace)).containsExactly("globex pays");
    }
  }

  @Test
  void aRepeatedSearchIsACacheHit() {
    send(server, "search-tenant", resourceSpans("inventory", span(traceId(3), 1, "GET /stock")));
    server.awaitStored();
    long hitsBefore = cacheCount(server, "search", "l1", "hit");
    long from = System.currentTimeMillis() / 1000 - 3600;
    long to = from + 7200;
    for (int read = 0; read < 2; read++) {
      JsonNode found = getJson(server, "search-tenant", "/api/v1/traces?service=inventory&start=" + from + "&end=" + to);
      assertThat(found.get("traces")).hasSize(1);
    }
    assertThat(cacheCount(server, "search", "l1", "hit")).isEqualTo(hitsBefore + 1);
  }

  @Test
  void deletionOnRequestClearsTheTenantsCachedTraces() {
    byte[] trace = traceId(4);
    send(server, "deleting", resourceSpans("payroll", span(trace, 1, "run payroll")));
    server.awaitStored();
    assertThat(spanNames(server, "deleting", trace)).containsExactly("run payroll");
    HttpResponse<String> deleted = server.post(server.api() + "/api/v1/data/delete", "application/json",
        "{\"signals\": [\"traces\"], \"service\": \"payroll\"}".getBytes(), "X-Scope-OrgID", "deleting");
    assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
    HttpResponse<String> gone;
    try {
      gone = server.http.send(HttpRequest.newBuilder(URI.create(server.api() + "/api/v1/traces/" + hex(trace)))
          .header("X-Scope-OrgID", "deleting").GET().build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
    assertThat(gone.statusCode()).as("not served from the cache after deletion").isEqualTo(404);
  }

  static void send(TestServer server, String tenant, ResourceSpans spans) {
    HttpResponse<String> r = server.post(server.otlpHttp() + "/v1/traces", "application/x-protobuf",
        ExportTraceServiceRequest.newBuilder().addResourceSpans(spans).build().toByteArray(), "X-Scope-OrgID", tenant);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  static List<String> spanNames(TestServer server, String tenant, byte[] trace) {
    List<String> names = new ArrayList<>();
    getJson(server, tenant, "/api/v1/traces/" + hex(trace)).get("spans").forEach(s -> names.add(s.get("name").asText()));
    return names;
  }

  static JsonNode getJson(TestServer server, String tenant, String pathAndQuery) {
    try {
      HttpResponse<String> r = server.http.send(HttpRequest.newBuilder(URI.create(server.api() + pathAndQuery))
          .header("X-Scope-OrgID", tenant).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      return TestServer.JSON.readTree(r.body());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A series of {@code sightline_cache_requests_total} from {@code /metrics}, 0 when absent. */
  static long cacheCount(TestServer server, String kind, String level, String result) {
    return (long) metric(server, "sightline_cache_requests_total{kind=\"" + kind + "\",level=\"" + level
        + "\",result=\"" + result + "\"}");
  }

  static double metric(TestServer server, String series) {
    for (String line : server.get("/metrics").body().split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1).trim());
      }
    }
    return 0;
  }
}
