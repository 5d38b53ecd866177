package dev.sightline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sightline scrapes the real node exporter (Debian's {@code prometheus-node-exporter}, started as a
 * process) and answers {@code rate(node_cpu_seconds_total[1m])} through the Prometheus API.
 * Skipped with a reason where the exporter is not installed; CI installs it.
 */
class NodeExporterTest {
  @TempDir Path dir;

  static Path nodeExporter() {
    for (String candidate : List.of("/usr/bin/prometheus-node-exporter", "/usr/local/bin/node_exporter")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return Path.of(candidate);
      }
    }
    return null;
  }

  @Test
  void scrapesTheNodeExporterAndAnswersRate() throws Exception {
    Path binary = nodeExporter();
    Assumptions.assumeTrue(binary != null,
        "the node exporter is not installed (apt-get install prometheus-node-exporter); CI installs it");
    int port = RemoteWriteTest.freePort();
    Process exporter = new ProcessBuilder(binary.toString(), "--web.listen-address=127.0.0.1:" + port,
        "--collector.disable-defaults", "--collector.cpu", "--collector.meminfo", "--collector.loadavg")
        .redirectErrorStream(true).redirectOutput(dir.resolve("node-exporter.out").toFile()).start();
    Path cfg = dir.resolve("sightline.yaml");
    Files.writeString(cfg, """
        scrape_configs:
          - job_name: node
            scrape_interval: 1s
            static_configs: [{targets: ['127.0.0.1:%d']}]
        """.formatted(port));
    try (TestServer server = new TestServer(dir.resolve("data"), "--config=" + cfg)) {
      TestServer.await("three scrapes of node_cpu_seconds_total", () -> {
        JsonNode r = server.getJson("/api/v1/query?query=" + TestServer.encode(
            "count_over_time(node_cpu_seconds_total{mode=\"idle\"}[1m])")).get("data").get("result");
        return r.size() > 0 && r.get(0).get("value").get(1).asDouble() >= 3;
      });
      JsonNode rate = server.getJson("/api/v1/query?query=" + TestServer.encode("rate(node_cpu_seconds_total[1m])"));
      assertThat(rate.get("status").asText()).isEqualTo("success");
      assertThat(rate.get("data").get("resultType").asText()).isEqualTo("vector");
      JsonNode result = rate.get("data").get("result");
      assertThat(result.size()).isGreaterThanOrEqualTo(2);
      for (JsonNode s : result) {
        assertThat(s.get("metric").get("job").asText()).isEqualTo("node");
        assertThat(s.get("metric").get("instance").asText()).isEqualTo("127.0.0.1:" + port);
        assertThat(s.get("metric").has("cpu")).isTrue();
        assertThat(s.get("metric").has("__name__")).isFalse();
        double perSecond = Double.parseDouble(s.get("value").get(1).asText());
        assertThat(perSecond).isBetween(0.0, 1.5);
      }
      JsonNode idle = server.getJson("/api/v1/query?query=" + TestServer.encode(
          "sum by (instance) (rate(node_cpu_seconds_total{mode=\"idle\"}[1m]))")).get("data").get("result");
      assertThat(idle).hasSize(1);
      JsonNode up = server.getJson("/api/v1/query?query=up").get("data").get("result");
      assertThat(up.get(0).get("value").get(1).asText()).isEqualTo("1");
      JsonNode memory = server.getJson("/api/v1/series?match[]=node_memory_MemTotal_bytes").get("data");
      assertThat(memory).hasSize(1);
    } finally {
      exporter.destroy();
      if (!exporter.waitFor(10, TimeUnit.SECONDS)) {
        exporter.destroyForcibly();
      }
    }
  }
}
