package dev.sightline.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Token buckets per key and per tenant: over the limit is 429 with Retry-After, other keys and
 * tenants are unaffected, time refills; items a second are counted once a request is decoded.
 */
class RateLimitTest {
  private static final String ADMIN = "rate-limit-test-admin";
  @TempDir Path dir;

  private static HttpResponse<String> get(TestServer server, String path, String key) throws Exception {
    return server.http.send(HttpRequest.newBuilder(URI.create(server.api() + path)).header("Authorization", "Bearer " + key)
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String key(TestServer server, String name) throws Exception {
    HttpResponse<String> r = server.http.send(HttpRequest.newBuilder(URI.create(server.api() + "/api/v1/keys"))
        .header("Authorization", "Bearer " + ADMIN).POST(HttpRequest.BodyPublishers.ofString(
            "{\"name\": \"" + name + "\", \"role\": \"viewer\"}")).build(), HttpResponse.BodyHandlers.ofString());
    return TestServer.JSON.readTree(r.body()).get("key").asText();
  }

  @Test
  void eachKeyHasItsOwnBucket() throws Exception {
    MutableClock clock = new MutableClock(Instant.now());
    try (TestServer server = new TestServer(dir.resolve("data"), clock, "--auth.enabled=true", "--auth.admin.key=" + ADMIN,
        "--limits.rate.requests.per.second=3")) {
      String a = key(server, "a");
      String b = key(server, "b");
      for (int i = 0; i < 3; i++) {
        assertThat(get(server, "/api/v1/services", a).statusCode()).isEqualTo(200);
      }
      HttpResponse<String> limited = get(server, "/api/v1/services", a);
      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.headers().firstValue("retry-after")).hasValue("1");
      assertThat(limited.body()).contains("rate limit of requests reached for caller key:");
      assertThat(get(server, "/api/v1/services", b).statusCode()).as("another key has its own bucket").isEqualTo(200);
      assertThat(server.get("/health").statusCode()).as("probes are never limited").isEqualTo(200);
      clock.advance(Duration.ofSeconds(1));
      assertThat(get(server, "/api/v1/services", a).statusCode()).as("a second later").isEqualTo(200);
      assertThat(get(server, "/metrics", ADMIN).body()).contains("sightline_rate_limited_total{limit=\"requests\",scope=\"caller\"} 1");
    }
  }

  private static HttpResponse<String> spans(TestServer server, String tenant, int count) {
    io.opentelemetry.proto.trace.v1.ScopeSpans.Builder scope = io.opentelemetry.proto.trace.v1.ScopeSpans.newBuilder();
    byte[] trace = ProcessorsTest.traceId(count);
    for (int i = 1; i <= count; i++) {
      scope.addSpans(ProcessorsTest.span(trace, i, "op"));
    }
    byte[] body = io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest.newBuilder().addResourceSpans(
        io.opentelemetry.proto.trace.v1.ResourceSpans.newBuilder().addScopeSpans(scope)).build().toByteArray();
    return server.post(server.otlpHttp() + "/v1/traces", "application/x-protobuf", body, "X-Scope-OrgID", tenant);
  }

  @Test
  void itemsPerSecondAreCountedPerTenantAcrossCallers() {
    MutableClock clock = new MutableClock(Instant.now());
    try (TestServer server = new TestServer(dir.resolve("items"), clock, "--limits.tenant.ingest.items.per.second=10")) {
      assertThat(spans(server, "acme", 8).statusCode()).isEqualTo(200);
      HttpResponse<String> limited = spans(server, "acme", 8);
      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.headers().firstValue("retry-after")).hasValue("1");
      assertThat(limited.body()).contains("rate limit of ingest items reached for tenant acme");
      assertThat(spans(server, "globex", 8).statusCode()).as("another tenant has its own bucket").isEqualTo(200);
      clock.advance(Duration.ofSeconds(1));
      assertThat(spans(server, "acme", 8).statusCode()).as("a second later").isEqualTo(200);
      assertThat(server.get("/metrics").body())
          .contains("sightline_rate_limited_total{limit=\"ingest items\",scope=\"tenant\"} 1")
          .containsPattern("sightline_items_refused_total\\{signal=\"traces\",transport=\"http\",tenant=\"acme\",reason=\"rate_limited\"\\} 8");
    }
  }

  @Test
  void aTenantsKeysShareItsRequestBucket() throws Exception {
    MutableClock clock = new MutableClock(Instant.now());
    try (TestServer server = new TestServer(dir.resolve("tenant"), clock, "--auth.enabled=true", "--auth.admin.key=" + ADMIN,
        "--limits.tenant.requests.per.second=2")) {
      String a = key(server, "a");
      String b = key(server, "b");
      clock.advance(Duration.ofSeconds(1)); // the admin's calls above were the tenant's too
      assertThat(get(server, "/api/v1/services", a).statusCode()).isEqualTo(200);
      assertThat(get(server, "/api/v1/services", b).statusCode()).isEqualTo(200);
      HttpResponse<String> limited = get(server, "/api/v1/services", b);
      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.body()).contains("for tenant default");
    }
  }
}
