package dev.sightline.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web UI as the server serves it on the API port: index.html at / and at every deep link of the
 * app's pages, revalidated; hashed assets pre-compressed and cached for a year; nothing of the API
 * answered with the page; the pages and files public while the API stays closed with auth on.
 */
class WebUiServingTest {
  private static final Pattern SCRIPT = Pattern.compile("src=\"(/assets/index-[^\"]+\\.js)\"");
  @TempDir Path dir;

  @Test
  void servesThePageAtTheRootAndAtDeepLinks() {
    try (TestServer server = new TestServer(dir.resolve("data"))) {
      for (String path : new String[] {"/", "/traces", "/traces/5b8efff798038103d269b633813fc60c?span=eee19b7ec3c1b174",
          "/logs?contains=timeout&from=now-6h&to=now", "/query?q=up", "/alerts"}) {
        HttpResponse<String> page = get(server, path, "identity");
        assertThat(page.statusCode()).as(path).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type")).as(path).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.headers().firstValue("cache-control")).as(path).hasValueSatisfying(c -> assertThat(c).contains("no-cache"));
        assertThat(page.headers().firstValue("content-security-policy")).as(path).isPresent();
        assertThat(page.body()).as(path).contains("<div id=\"root\"></div>").containsPattern(SCRIPT);
      }
    }
  }

  @Test
  void sendsHashedAssetsCompressedAndCachedForAYear() throws IOException {
    try (TestServer server = new TestServer(dir.resolve("data"))) {
      String script = script(server);
      HttpResponse<String> plain = get(server, script, "identity");
      assertThat(plain.statusCode()).isEqualTo(200);
      assertThat(plain.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).contains("javascript"));
      assertThat(plain.headers().firstValue("cache-control")).hasValueSatisfying(c ->
          assertThat(c).contains("immutable").contains("max-age=31536000"));
      assertThat(plain.headers().firstValue("content-encoding")).isEmpty();

      HttpResponse<byte[]> brotli = getBytes(server, script, "br, gzip");
      assertThat(brotli.headers().firstValue("content-encoding")).hasValue("br");
      assertThat(brotli.body().length).isLessThan(plain.body().length() / 2);

      HttpResponse<byte[]> gzip = getBytes(server, script, "gzip");
      assertThat(gzip.headers().firstValue("content-encoding")).hasValue("gzip");
      assertThat(gzip.headers().firstValue("cache-control")).hasValueSatisfying(c -> assertThat(c).contains("immutable"));
      try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip.body()))) {
        assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(plain.body());
      }
    }
  }

  @Test
  void compressesTheApiJsonForBrowsers() throws IOException {
    try (TestServer server = new TestServer(dir.resolve("data"))) {
      String traceId = "5b8efff798038103d269b633813fc60c";
      StringBuilder spans = new StringBuilder();
      for (int i = 1; i <= 200; i++) {
        spans.append(i > 1 ? "," : "").append("{\"traceId\":\"").append(traceId).append("\",\"spanId\":\"")
            .append("%016x".formatted(i)).append("\",\"name\":\"step ").append(i)
            .append("\",\"startTimeUnixNano\":\"1767225600000000000\",\"endTimeUnixNano\":\"1767225600100000000\"}");
      }
      String body = "{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":\"shop\"}}]},"
          + "\"scopeSpans\":[{\"spans\":[" + spans + "]}]}]}";
      assertThat(server.post(server.otlpHttp() + "/v1/traces", "application/json", body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
          .statusCode()).isEqualTo(200);
      server.awaitStored();
      HttpResponse<String> plain = get(server, "/api/v1/traces/" + traceId, "identity");
      assertThat(plain.statusCode()).isEqualTo(200);
      HttpResponse<byte[]> gzip = getBytes(server, "/api/v1/traces/" + traceId, "gzip");
      assertThat(gzip.headers().firstValue("content-encoding")).hasValue("gzip");
      try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip.body()))) {
        String json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(json).isEqualTo(plain.body());
        assertThat(TestServer.JSON.readTree(json).get("spans")).hasSize(200);
      }
      assertThat(gzip.body().length).isLessThan(plain.body().length() / 5);
    }
  }

  @Test
  void answersUnknownFilesAndApiPathsWithoutThePage() {
    try (TestServer server = new TestServer(dir.resolve("data"))) {
      assertThat(get(server, "/assets/index-missing.js", "identity").statusCode()).isEqualTo(404);
      HttpResponse<String> api = get(server, "/api/v1/no-such-endpoint", "identity");
      assertThat(api.statusCode()).isEqualTo(404);
      assertThat(api.body()).doesNotContain("<div id=\"root\">");
      assertThat(server.post(server.api() + "/", "text/plain", new byte[0]).statusCode()).isEqualTo(405);
    }
  }

  @Test
  void pagesAndAssetsArePublicWhileTheApiNeedsCredentials() {
    try (TestServer server = new TestServer(dir.resolve("data"), "--auth.enabled=true", "--auth.admin.key=ui-test-admin-key")) {
      String script = script(server);
      for (String path : new String[] {"/", "/traces/5b8efff798038103d269b633813fc60c", "/logs", "/query", "/alerts", script,
          "/favicon.svg"}) {
        assertThat(get(server, path, "identity").statusCode()).as(path).isEqualTo(200);
      }
      HttpResponse<String> api = get(server, "/api/v1/services", "identity");
      assertThat(api.statusCode()).isEqualTo(401);
      assertThat(api.body()).contains("no credentials");
    }
  }

  private static String script(TestServer server) {
    Matcher m = SCRIPT.matcher(get(server, "/", "identity").body());
    assertThat(m.find()).as("index.html names its script").isTrue();
    return m.group(1);
  }

  private static HttpResponse<String> get(TestServer server, String path, String encoding) {
    return send(server, path, encoding, HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<byte[]> getBytes(TestServer server, String path, String encoding) {
    return send(server, path, encoding, HttpResponse.BodyHandlers.ofByteArray());
  }

  private static <T> HttpResponse<T> send(TestServer server, String path, String encoding, HttpResponse.BodyHandler<T> body) {
    try {
      return server.http.send(HttpRequest.newBuilder(URI.create(server.api() + path)).header("Accept-Encoding", encoding).GET().build(), body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
