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

/** Token buckets per key: over the limit is 429 with Retry-After, other keys are unaffected, time refills. */
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
      assertThat(limited.body()).contains("rate limit of requests reached for key:");
      assertThat(get(server, "/api/v1/services", b).statusCode()).as("another key has its own bucket").isEqualTo(200);
      assertThat(server.get("/health").statusCode()).as("probes are never limited").isEqualTo(200);
      clock.advance(Duration.ofSeconds(1));
      assertThat(get(server, "/api/v1/services", a).statusCode()).as("a second later").isEqualTo(200);
      assertThat(get(server, "/metrics", ADMIN).body()).contains("sightline_rate_limited_total{limit=\"requests\"} 1");
    }
  }
}
