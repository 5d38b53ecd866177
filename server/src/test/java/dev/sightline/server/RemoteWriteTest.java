package dev.sightline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prometheus itself (Debian's {@code prometheus}, started as a process) remote-writes what it
 * scrapes to Sightline. Skipped with a reason where Prometheus is not installed; CI installs it.
 */
class RemoteWriteTest {
  @TempDir Path dir;

  static Path prometheus() {
    for (String candidate : List.of("/usr/bin/prometheus", "/usr/local/bin/prometheus")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return Path.of(candidate);
      }
    }
    return null;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void prometheusRemoteWritesWhatItScrapes() throws Exception {
    Path binary = prometheus();
    Assumptions.assumeTrue(binary != null, "Prometheus is not installed (apt-get install prometheus); CI installs it");
    try (TestServer server = new TestServer(dir.resolve("data"))) {
      int promPort = freePort();
      Path config = dir.resolve("prometheus.yml");
      Files.writeString(config, """
          global: {scrape_interval: 1s}
          scrape_configs:
            - job_name: prom-self
              static_configs: [{targets: ['127.0.0.1:%d']}]
          remote_write:
            - url: %s/api/v1/write
              queue_config: {batch_send_deadline: 1s, min_backoff: 100ms, max_backoff: 1s}
              metadata_config: {send_interval: 1s}
          """.formatted(promPort, server.api()));
      Process prom = new ProcessBuilder(binary.toString(), "--config.file=" + config,
          "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + promPort)
          .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.out").toFile()).start();
      try {
        TestServer.await("Prometheus to remote-write its scrape", () -> up(server).size() > 0);
        server.awaitStored();
        JsonNode up = up(server).get(0);
        assertThat(up.get("metric").get("job").asText()).isEqualTo("prom-self");
        assertThat(up.get("metric").get("instance").asText()).isEqualTo("127.0.0.1:" + promPort);
        assertThat(up.get("value").get(1).asText()).isEqualTo("1");
        TestServer.await("a counter Prometheus counts", () -> ScrapeTest.query(server,
            "sum(rate(prometheus_http_requests_total[1m])) >= 0").size() == 1);
        JsonNode series = server.getJson("/api/v1/series?match[]=" + TestServer.encode("prometheus_http_requests_total")).get("data");
        assertThat(series.size()).isGreaterThan(0);
        assertThat(series.get(0).get("job").asText()).isEqualTo("prom-self");
        assertThat(server.get("/metrics").body()).contains("sightline_items_accepted_total{signal=\"metrics\",transport=\"prometheus_remote_write\"");
      } finally {
        prom.destroy();
        if (!prom.waitFor(10, TimeUnit.SECONDS)) {
          prom.destroyForcibly();
        }
      }
    }
  }

  static JsonNode up(TestServer server) {
    return ScrapeTest.query(server, "up");
  }

  @Test
  void badBodiesGetTheirStatus() {
    try (TestServer server = new TestServer(dir.resolve("data"))) {
      HttpResponse<String> notSnappy = server.post(server.api() + "/api/v1/write", "application/x-protobuf",
          "not snappy at all".getBytes(), "Content-Encoding", "snappy");
      assertThat(notSnappy.statusCode()).isEqualTo(400);
      assertThat(notSnappy.body()).contains("snappy");
      HttpResponse<String> plain = server.post(server.api() + "/api/v1/write", "application/x-protobuf", new byte[] {1, 2, 3});
      assertThat(plain.statusCode()).isEqualTo(415);
      assertThat(plain.body()).contains("Content-Encoding snappy");
      byte[] notProtobuf = new byte[64];
      int n = new io.airlift.compress.snappy.SnappyCompressor().compress(new byte[] {(byte) 0xff, 1, 2, 3}, 0, 4, notProtobuf, 0, 64);
      HttpResponse<String> garbage = server.post(server.api() + "/api/v1/write", "application/x-protobuf",
          java.util.Arrays.copyOf(notProtobuf, n), "Content-Encoding", "snappy");
      assertThat(garbage.statusCode()).isEqualTo(400);
      assertThat(garbage.body()).contains("WriteRequest");
      assertThat(server.get("/health").statusCode()).isEqualTo(200);
    }
  }
}
