package dev.sightline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prometheus (Debian's, started as a process) reads from Sightline through {@code remote_read}:
 * series only Sightline has (it scraped them) come back from Prometheus's own query API.
 */
class RemoteReadTest {
  @TempDir Path dir;

  @Test
  void prometheusQueriesWhatSightlineStoresThroughRemoteRead() throws Exception {
    Path binary = RemoteWriteTest.prometheus();
    Assumptions.assumeTrue(binary != null, "Prometheus is not installed (apt-get install prometheus); CI installs it");
    HttpServer exporter = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    exporter.createContext("/metrics", ex -> {
      byte[] b = "orders_total{shop=\"north\"} 42\n".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, b.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(b);
      }
    });
    exporter.start();
    Path cfg = dir.resolve("sightline.yaml");
    Files.writeString(cfg, """
        scrape_configs:
          - job_name: shop
            scrape_interval: 1s
            static_configs: [{targets: ['127.0.0.1:%d']}]
        """.formatted(exporter.getAddress().getPort()));
    try (TestServer server = new TestServer(dir.resolve("data"), "--config=" + cfg)) {
      TestServer.await("a scrape", () -> ScrapeTest.query(server, "orders_total").size() == 1);
      int promPort = RemoteWriteTest.freePort();
      Path promConfig = dir.resolve("prometheus.yml");
      Files.writeString(promConfig, """
          remote_read:
            - url: %s/api/v1/read
              read_recent: true
          """.formatted(server.api()));
      Process prom = new ProcessBuilder(binary.toString(), "--config.file=" + promConfig,
          "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + promPort)
          .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.out").toFile()).start();
      HttpClient http = HttpClient.newHttpClient();
      try {
        String url = "http://127.0.0.1:" + promPort + "/api/v1/query?query=" + TestServer.encode("orders_total{shop=\"north\"}");
        JsonNode[] answer = new JsonNode[1];
        TestServer.await("Prometheus to answer from Sightline", () -> {
          try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
              return false;
            }
            answer[0] = TestServer.JSON.readTree(r.body()).get("data").get("result");
            return answer[0].size() == 1;
          } catch (Exception e) {
            return false;
          }
        });
        assertThat(answer[0].get(0).get("metric").get("job").asText()).isEqualTo("shop");
        assertThat(answer[0].get(0).get("value").get(1).asText()).isEqualTo("42");
        var bad = server.post(server.api() + "/api/v1/read", "application/x-protobuf", new byte[] {1, 2, 3},
            "Content-Encoding", "snappy");
        assertThat(bad.statusCode()).isEqualTo(400);
      } finally {
        prom.destroy();
        if (!prom.waitFor(10, TimeUnit.SECONDS)) {
          prom.destroyForcibly();
        }
        exporter.stop(0);
      }
    }
  }
}
