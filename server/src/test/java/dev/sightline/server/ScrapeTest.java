package dev.sightline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sightline scrapes an exporter over HTTP as Prometheus would: static and file-discovered targets,
 * target and metric relabeling, bad lines skipped with the rest kept, stale markers for series
 * that disappear, and {@code up} for targets that fail.
 */
class ScrapeTest {
  @TempDir Path dir;
  final AtomicReference<String> body = new AtomicReference<>();
  final AtomicReference<String> contentType = new AtomicReference<>("text/plain; version=0.0.4");
  HttpServer exporter;

  @BeforeEach
  void startExporter() throws Exception {
    exporter = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    exporter.createContext("/metrics", ex -> {
      byte[] b = body.get().getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", contentType.get());
      ex.sendResponseHeaders(200, b.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(b);
      }
    });
    exporter.start();
  }

  @AfterEach
  void stopExporter() {
    exporter.stop(0);
  }

  private String target() {
    return "127.0.0.1:" + exporter.getAddress().getPort();
  }

  private Path config(String scrapeConfigs) throws Exception {
    Path file = dir.resolve("sightline.yaml");
    Files.writeString(file, "scrape_configs:\n" + scrapeConfigs);
    return file;
  }

  /** The instant vector of a PromQL query now. */
  static JsonNode query(TestServer s, String promql) {
    return s.getJson("/api/v1/query?query=" + TestServer.encode(promql)).get("data").get("result");
  }

  static double value(JsonNode sample) {
    return Double.parseDouble(sample.get("value").get(1).asText());
  }

  @Test
  void scrapesStaticTargetsWithRelabelingAndSkipsBadLines() throws Exception {
    body.set("""
        # HELP requests_total Requests.
        # TYPE requests_total counter
        requests_total{route="/a",code="200"} 10
        requests_total{route="/b",code="500"} 2
        this line is { not valid
        debug_noise_total 5
        temperature_celsius{job="exporter-own-job"} 21.5
        """);
    Path cfg = config("""
          - job_name: app
            scrape_interval: 1s
            static_configs: [{targets: ['%s'], labels: {env: test}}]
            relabel_configs:
              - {source_labels: [env], target_label: stage, replacement: 'stage-$1'}
            metric_relabel_configs:
              - {source_labels: [__name__], regex: 'debug_.*', action: drop}
        """.formatted(target()));
    try (TestServer server = new TestServer(dir.resolve("data"), "--config=" + cfg)) {
      TestServer.await("a scrape of the target", () -> query(server, "requests_total").size() == 2);
      JsonNode r = query(server, "requests_total{route=\"/a\"}").get(0);
      assertThat(r.get("metric").get("job").asText()).isEqualTo("app");
      assertThat(r.get("metric").get("instance").asText()).isEqualTo(target());
      assertThat(r.get("metric").get("env").asText()).isEqualTo("test");
      assertThat(r.get("metric").get("stage").asText()).isEqualTo("stage-test");
      assertThat(value(r)).isEqualTo(10.0);
      assertThat(query(server, "debug_noise_total")).isEmpty();
      JsonNode temperature = query(server, "temperature_celsius").get(0);
      assertThat(temperature.get("metric").get("job").asText()).isEqualTo("app");
      assertThat(temperature.get("metric").get("exported_job").asText()).isEqualTo("exporter-own-job");
      TestServer.await("up and scrape statistics", () -> query(server, "scrape_samples_post_metric_relabeling").size() == 1);
      assertThat(value(query(server, "up{job=\"app\"}").get(0))).isEqualTo(1.0);
      assertThat(value(query(server, "scrape_samples_scraped").get(0))).isEqualTo(4.0);
      assertThat(value(query(server, "scrape_samples_post_metric_relabeling").get(0))).isEqualTo(3.0);

      JsonNode metadata = server.getJson("/api/v1/metadata?metric=requests_total").get("data");
      assertThat(metadata.get("requests_total").get(0).get("type").asText()).isEqualTo("counter");
      JsonNode targets = server.getJson("/api/v1/targets").get("data").get("activeTargets");
      assertThat(targets).hasSize(1);
      assertThat(targets.get(0).get("health").asText()).isEqualTo("up");
      assertThat(targets.get(0).get("labels").get("stage").asText()).isEqualTo("stage-test");
      assertThat(targets.get(0).get("skippedLines").get(0).asText()).startsWith("line 5:");
      assertThat(server.get("/metrics").body()).contains("sightline_scrape_lines_rejected_total{job=\"app\"}");

      // The /b series disappears: a stale marker ends it at once, not after the 5m lookback.
      body.set("requests_total{route=\"/a\",code=\"200\"} 11\n");
      TestServer.await("a stale marker for the vanished series", () -> query(server, "requests_total").size() == 1);
      assertThat(query(server, "count_over_time(requests_total{route=\"/b\"}[1h])")).hasSize(1);

      // The target fails: up drops to 0 and the target reports the error.
      exporter.stop(0);
      TestServer.await("up 0 for the failing target", () -> value(query(server, "up{job=\"app\"}").get(0)) == 0.0);
      assertThat(query(server, "requests_total")).isEmpty();
      JsonNode down = server.getJson("/api/v1/targets").get("data").get("activeTargets").get(0);
      assertThat(down.get("health").asText()).isEqualTo("down");
      assertThat(down.get("lastError").asText()).isNotEmpty();
    }
  }

  @Test
  void findsTargetsInDiscoveryFilesAndReadsOpenMetrics() throws Exception {
    contentType.set("application/openmetrics-text; version=1.0.0; charset=utf-8");
    body.set("""
        # TYPE jobs counter
        # HELP jobs Jobs done.
        jobs_total{queue="q1"} 7 # {trace_id="0af7651916cd43dd8448eb211c80319c",span_id="b7ad6b7169203331"} 1.0
        # TYPE queue_depth gauge
        queue_depth{queue="q1"} 3 %d.5
        # EOF
        """.formatted(System.currentTimeMillis() / 1000 - 60));
    Path sd = dir.resolve("targets.json");
    Files.writeString(sd, "[]");
    Path cfg = config("""
          - job_name: discovered
            scrape_interval: 1s
            file_sd_configs: [{files: ['%s'], refresh_interval: 1s}]
        """.formatted(dir.resolve("*.json")));
    try (TestServer server = new TestServer(dir.resolve("data"), "--config=" + cfg)) {
      Files.writeString(sd, "[{\"targets\": [\"" + target() + "\"], \"labels\": {\"team\": \"core\"}}]");
      TestServer.await("the discovered target to be scraped", () -> query(server, "jobs_total").size() == 1);
      JsonNode jobs = query(server, "jobs_total").get(0);
      assertThat(jobs.get("metric").get("team").asText()).isEqualTo("core");
      assertThat(value(jobs)).isEqualTo(7.0);
      JsonNode exemplar = server.getJson("/api/v1/query_exemplars?query=jobs_total").get("data").get(0);
      assertThat(exemplar.get("seriesLabels").get("queue").asText()).isEqualTo("q1");
      assertThat(exemplar.get("exemplars").get(0).get("labels").get("trace_id").asText()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
      assertThat(exemplar.get("exemplars").get(0).get("labels").get("span_id").asText()).isEqualTo("b7ad6b7169203331");
      JsonNode depth = query(server, "timestamp(queue_depth)").get(0);
      assertThat(depth.get("value").get(1).asText()).endsWith(".5");

      Files.writeString(sd, "[]");
      TestServer.await("the target to go away", () ->
          server.getJson("/api/v1/targets").get("data").get("activeTargets").isEmpty());
    }
  }

  @Test
  void queryErrorsAnswerAsPrometheusDoes() throws Exception {
    body.set("requests_total{route=\"/a\"} 1\nrequests_total{route=\"/b\"} 2\n");
    Path cfg = config("""
          - job_name: app
            scrape_interval: 1s
            static_configs: [{targets: ['%s']}]
        """.formatted(target()));
    try (TestServer server = new TestServer(dir.resolve("data"), "--config=" + cfg, "--promql.max.series=1")) {
      TestServer.await("a scrape", () -> query(server, "up").size() == 1);
      var tooMany = server.get("/api/v1/query?query=requests_total");
      assertThat(tooMany.statusCode()).isEqualTo(422);
      JsonNode error = TestServer.JSON.readTree(tooMany.body());
      assertThat(error.get("status").asText()).isEqualTo("error");
      assertThat(error.get("errorType").asText()).isEqualTo("execution");
      assertThat(error.get("error").asText()).contains("more than 1 series");
      var parse = server.get("/api/v1/query?query=" + TestServer.encode("sum(rate(x[5m])"));
      assertThat(parse.statusCode()).isEqualTo(400);
      assertThat(TestServer.JSON.readTree(parse.body()).get("error").asText()).isEqualTo("1:16: parse error: unclosed left parenthesis");
      var resolution = server.get("/api/v1/query_range?query=up&start=0&end=100000&step=1");
      assertThat(TestServer.JSON.readTree(resolution.body()).get("error").asText())
          .startsWith("exceeded maximum resolution of 11,000 points per timeseries");
      var badTime = server.get("/api/v1/query?query=up&time=yesterday");
      assertThat(TestServer.JSON.readTree(badTime.body()).get("error").asText())
          .isEqualTo("invalid parameter \"time\": cannot parse \"yesterday\" to a valid timestamp");
      var post = server.post(server.api() + "/api/v1/query", "application/x-www-form-urlencoded",
          "query=count(up)".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      assertThat(TestServer.JSON.readTree(post.body()).get("data").get("result").get(0).get("value").get(1).asText()).isEqualTo("1");
      assertThat(server.getJson("/api/v1/labels").get("data").toString()).contains("\"route\"");
      assertThat(server.getJson("/api/v1/label/route/values").get("data").toString()).isEqualTo("[\"/a\",\"/b\"]");
    }
  }
}
