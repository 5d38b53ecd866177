package dev.sightline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rules through the API on a real server with an injected clock: a rule goes pending, fires after
 * its {@code for}, keeps its state over a restart and resolves; broken rule files are refused with
 * file, line and reason while the rules in force stay; changed files are reloaded without losing
 * alert state; the defaults and Sightline's own metrics are there.
 */
class AlertingTest {
  static final String QUEUE_RULES = """
      groups:
        - name: queues
          interval: 1m
          rules:
            - alert: QueueBacklog
              expr: queue_depth > 100
              for: 2m
              labels: {severity: critical}
              annotations: {summary: "{{ $labels.queue }} holds {{ $value }}"}
      """;
  @TempDir Path dir;

  /** Queue depth every 15 s from {@code from}: 150 for {@code highMinutes}, then 10, for {@code minutes} in all. */
  static void sendDepth(TestServer server, Instant from, int minutes, int highMinutes) {
    Gauge.Builder g = Gauge.newBuilder();
    for (int i = 0; i < minutes * 4; i++) {
      g.addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(from.plusSeconds(15L * i).toEpochMilli() * 1_000_000L)
          .setAsDouble(i < highMinutes * 4 ? 150 : 10).addAttributes(attr("queue", "orders")));
    }
    ExportMetricsServiceRequest request = ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder()
        .setResource(Resource.newBuilder().addAttributes(attr("service.name", "shop")))
        .addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(Metric.newBuilder().setName("queue_depth").setGauge(g)))).build();
    assertThat(server.post(server.otlpHttp() + "/v1/metrics", "application/x-protobuf", request.toByteArray()).statusCode())
        .isEqualTo(200);
    server.awaitStored();
  }

  private static KeyValue attr(String k, String v) {
    return KeyValue.newBuilder().setKey(k).setValue(AnyValue.newBuilder().setStringValue(v)).build();
  }

  static JsonNode group(TestServer server, String name) {
    for (JsonNode g : server.getJson("/api/v1/rules").get("data").get("groups")) {
      if (g.get("name").asText().equals(name)) {
        return g;
      }
    }
    throw new AssertionError("no rule group " + name);
  }

  /** Moves the clock a minute on and waits for the group's evaluation in that minute. */
  static JsonNode nextEvaluation(TestServer server, MutableClock clock, String group) {
    clock.advance(Duration.ofMinutes(1));
    Instant since = clock.instant().minus(Duration.ofMinutes(1));
    TestServer.await("an evaluation of " + group, () ->
        Instant.parse(group(server, group).get("lastEvaluation").asText()).isAfter(since));
    return group(server, group).get("rules").get(0);
  }

  @Test
  void aRuleFiresAfterItsForDurationKeepsItsStateOverARestartAndResolves() {
    MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MINUTES));
    Instant t0 = clock.instant();
    String[] flags = {"--alerting.default.rules.enabled=false"};
    Instant activeAt;
    try (TestServer server = new TestServer(dir.resolve("data"), clock, flags)) {
      sendDepth(server, t0.minus(Duration.ofMinutes(5)), 20, 11); // 150 until t0+6m, then 10
      HttpResponse<String> put = server.request("PUT", "/api/v1/rules/files/queues.yml", "application/yaml", QUEUE_RULES);
      assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

      JsonNode rule = nextEvaluation(server, clock, "queues");
      assertThat(rule.get("state").asText()).isEqualTo("pending");
      assertThat(rule.get("health").asText()).isEqualTo("ok");
      assertThat(nextEvaluation(server, clock, "queues").get("state").asText()).isEqualTo("pending");
      rule = nextEvaluation(server, clock, "queues");
      assertThat(rule.get("state").asText()).isEqualTo("firing");
      JsonNode alert = server.getJson("/api/v1/alerts").get("data").get("alerts").get(0);
      assertThat(alert.get("labels").get("alertname").asText()).isEqualTo("QueueBacklog");
      assertThat(alert.get("labels").get("job").asText()).isEqualTo("shop");
      assertThat(alert.get("annotations").get("summary").asText()).isEqualTo("orders holds 150");
      assertThat(alert.get("state").asText()).isEqualTo("firing");
      activeAt = Instant.parse(alert.get("activeAt").asText());
    }
    try (TestServer server = new TestServer(dir.resolve("data"), clock, flags)) {
      JsonNode alert = server.getJson("/api/v1/alerts").get("data").get("alerts").get(0);
      assertThat(alert.get("state").asText()).as("restored, not pending again").isEqualTo("firing");
      assertThat(Instant.parse(alert.get("activeAt").asText())).isEqualTo(activeAt);
      JsonNode rule = null;
      for (int i = 0; i < 5 && (rule == null || !rule.get("state").asText().equals("inactive")); i++) {
        rule = nextEvaluation(server, clock, "queues");
      }
      assertThat(rule.get("state").asText()).as("resolved once the depth fell").isEqualTo("inactive");
      assertThat(server.getJson("/api/v1/alerts").get("data").get("alerts")).isEmpty();

      HttpResponse<String> backtest = server.post(server.api() + "/api/v1/rules/backtest?start=" + t0.minus(Duration.ofMinutes(5))
          + "&end=" + t0.plus(Duration.ofMinutes(14)), "application/yaml", QUEUE_RULES.getBytes());
      assertThat(backtest.statusCode()).as(backtest.body()).isEqualTo(200);
      JsonNode firings = readJson(backtest.body()).get("data").get("firings");
      assertThat(firings).hasSize(1);
      assertThat(Instant.parse(firings.get(0).get("resolvedAt").asText())).isBetween(t0.plus(Duration.ofMinutes(6)),
          t0.plus(Duration.ofMinutes(7)));
    }
  }

  @Test
  void aFiringAndAResolvedNotificationReachAWebhookOnceEachAndSilencesHold() throws Exception {
    WebhookReceiver hook = new WebhookReceiver();
    java.util.List<JsonNode> received = hook.received;
    Path config = dir.resolve("sightline.yaml");
    Files.writeString(config, """
        notifications:
          route: {receiver: hook, group_by: [alertname], group_wait: 30s, group_interval: 1m, repeat_interval: 4h}
          receivers:
            - name: hook
              webhook_configs: [{url: "%s"}]
        """.formatted(hook.url()));
    MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MINUTES));
    Instant t0 = clock.instant();
    try (TestServer server = new TestServer(dir.resolve("data"), clock, "--config=" + config,
        "--alerting.default.rules.enabled=false")) {
      sendDepth(server, t0.minus(Duration.ofMinutes(5)), 30, 11);
      assertThat(server.request("PUT", "/api/v1/rules/files/queues.yml", "application/yaml", QUEUE_RULES).statusCode())
          .isEqualTo(200);
      for (int i = 0; i < 4; i++) {
        nextEvaluation(server, clock, "queues");
      }
      TestServer.await("the firing notification", () -> received.size() == 1);
      JsonNode firing = received.get(0);
      assertThat(firing.get("status").asText()).isEqualTo("firing");
      assertThat(firing.get("version").asText()).isEqualTo("4");
      assertThat(firing.get("alerts").get(0).get("labels").get("alertname").asText()).isEqualTo("QueueBacklog");
      assertThat(firing.get("alerts").get(0).get("annotations").get("summary").asText()).isEqualTo("orders holds 150");
      for (int i = 0; i < 4; i++) {
        nextEvaluation(server, clock, "queues");
      }
      TestServer.await("the resolved notification", () -> received.size() == 2);
      assertThat(received.get(1).get("status").asText()).isEqualTo("resolved");
      TestServer.await("both notifications in the history", () ->
          server.getJson("/api/v1/alerts/history").get("data").get("notifications").size() == 2);

      HttpResponse<String> silence = server.post(server.api() + "/api/v1/silences", "application/json", ("""
          {"matchers": ["alertname=\\"QueueBacklog\\""], "startsAt": "%s", "endsAt": "%s", "createdBy": "ana",
           "comment": "maintenance"}""".formatted(t0, t0.plus(Duration.ofDays(1)))).getBytes());
      assertThat(silence.statusCode()).as(silence.body()).isEqualTo(200);
      sendDepth(server, clock.instant(), 10, 10); // high again
      for (int i = 0; i < 5; i++) {
        nextEvaluation(server, clock, "queues");
      }
      assertThat(server.getJson("/api/v1/alerts").get("data").get("alerts").get(0).get("state").asText()).isEqualTo("firing");
      assertThat(received).as("silenced").hasSize(2);
      assertThat(server.getJson("/api/v1/silences").get("data").get("silences").get(0).get("state").asText()).isEqualTo("active");
      HttpResponse<String> badSilence = server.post(server.api() + "/api/v1/silences", "application/json",
          "{\"matchers\": [\"alertname\"], \"endsAt\": \"2030-01-01T00:00:00Z\", \"createdBy\": \"a\", \"comment\": \"c\"}".getBytes());
      assertThat(badSilence.statusCode()).isEqualTo(400);
      assertThat(readJson(badSilence.body()).get("error").asText()).startsWith("matchers[0]");
    } finally {
      hook.close();
    }
  }

  @Test
  void notificationRoutesAndReceiversAreReplacedThroughTheApiAndKept() {
    MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MINUTES));
    try (WebhookReceiver hook = new WebhookReceiver()) {
      try (TestServer server = new TestServer(dir.resolve("data"), clock, "--alerting.default.rules.enabled=false")) {
        assertThat(server.getJson("/api/v1/notifications/config").get("data").get("source").asText()).isEqualTo("none");
        HttpResponse<String> bad = server.request("PUT", "/api/v1/notifications/config", "application/yaml",
            "route: {receiver: nobody}\nreceivers: [{name: hook}]\n");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(readJson(bad.body()).get("error").asText()).contains("nobody");
        HttpResponse<String> put = server.request("PUT", "/api/v1/notifications/config", "application/yaml", """
            route: {receiver: hook, group_wait: 0s, group_interval: 1m}
            receivers:
              - name: hook
                webhook_configs: [{url: "%s"}]
                slack_configs: [{api_url: "http://127.0.0.1:1/slack-secret"}]
            """.formatted(hook.url()));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        JsonNode config = server.getJson("/api/v1/notifications/config").get("data");
        assertThat(config.get("source").asText()).isEqualTo("api");
        assertThat(config.toString()).contains("<secret>").doesNotContain("slack-secret");

        sendDepth(server, clock.instant().minus(Duration.ofMinutes(5)), 20, 20);
        server.request("PUT", "/api/v1/rules/files/queues.yml", "application/yaml", QUEUE_RULES);
        for (int i = 0; i < 4; i++) {
          nextEvaluation(server, clock, "queues");
        }
        TestServer.await("a notification through the routes set by the API", () -> hook.received.size() == 1);
      }
      try (TestServer server = new TestServer(dir.resolve("data"), clock, "--alerting.default.rules.enabled=false")) {
        assertThat(server.getJson("/api/v1/notifications/config").get("data").get("source").asText()).as("kept").isEqualTo("api");
        assertThat(server.request("DELETE", "/api/v1/notifications/config", "text/plain", "").statusCode()).isEqualTo(200);
        assertThat(server.getJson("/api/v1/notifications/config").get("data").get("source").asText()).isEqualTo("none");
      }
    }
  }

  @Test
  void brokenRuleFilesAreRefusedWithFileLineAndReasonAndTheRulesInForceStay() throws Exception {
    Path rulesDir = Files.createDirectories(dir.resolve("rules"));
    Files.writeString(rulesDir.resolve("queues.yml"), QUEUE_RULES);
    Files.writeString(rulesDir.resolve("broken.yml"), "groups:\n  - name: broken\n    rules:\n      - alert: X\n        expr: rate(x[5m] > 1\n");
    try (TestServer server = new TestServer(dir.resolve("data"), "--alerting.rules.dir=" + rulesDir,
        "--alerting.rules.reload.interval=200ms")) {
      assertThat(group(server, "queues").get("rules")).hasSize(1);
      JsonNode files = server.getJson("/api/v1/rules/files").get("data").get("files");
      assertThat(files.toString()).contains(rulesDir.resolve("broken.yml") + ":5: groups[0].rules[0].expr:");
      assertThat(files.toString()).contains("\"name\":\"sightline-defaults.yml\"");
      assertThat(group(server, "sightline-defaults").get("rules")).hasSize(3);
      assertThat(group(server, "sightline-red-anomalies").get("rules")).hasSize(3);

      HttpResponse<String> bad = server.request("PUT", "/api/v1/rules/files/mine.yml", "application/yaml",
          "groups:\n  - name: mine\n    rules:\n      - alert: Y\n        expr: nope(up) > 1\n");
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(readJson(bad.body()).get("error").asText())
          .isEqualTo("api/mine.yml:5: groups[0].rules[0].expr: 1:1: parse error: unknown function with name \"nope\"");
      assertThat(server.get("/api/v1/rules/files/mine.yml").statusCode()).as("not stored").isEqualTo(404);

      Files.writeString(rulesDir.resolve("queues.yml"), QUEUE_RULES
          + "      - alert: QueueEmpty\n        expr: queue_depth == 0\n");
      TestServer.await("the changed file in force", () -> group(server, "queues").get("rules").size() == 2);
      HttpResponse<String> deleted = server.request("DELETE", "/api/v1/rules/files/mine.yml", "text/plain", "");
      assertThat(deleted.statusCode()).isEqualTo(404);
    }
  }

  @Test
  void logAndSpanRulesFireOnStoredRecords() {
    MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MINUTES));
    long at = clock.instant().minusSeconds(60).toEpochMilli() * 1_000_000L;
    try (TestServer server = new TestServer(dir.resolve("data"), clock, "--alerting.default.rules.enabled=false")) {
      io.opentelemetry.proto.logs.v1.ScopeLogs.Builder logs = io.opentelemetry.proto.logs.v1.ScopeLogs.newBuilder();
      for (int i = 0; i < 12; i++) {
        logs.addLogRecords(io.opentelemetry.proto.logs.v1.LogRecord.newBuilder().setTimeUnixNano(at + i)
            .setSeverityNumber(io.opentelemetry.proto.logs.v1.SeverityNumber.SEVERITY_NUMBER_ERROR).setSeverityText("ERROR")
            .setBody(AnyValue.newBuilder().setStringValue("gateway timeout after 30s, order " + i)));
      }
      byte[] logRequest = io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest.newBuilder().addResourceLogs(
          io.opentelemetry.proto.logs.v1.ResourceLogs.newBuilder().setResource(Resource.newBuilder()
              .addAttributes(attr("service.name", "payments"))).addScopeLogs(logs)).build().toByteArray();
      assertThat(server.post(server.otlpHttp() + "/v1/logs", "application/x-protobuf", logRequest).statusCode()).isEqualTo(200);
      io.opentelemetry.proto.trace.v1.ScopeSpans.Builder spans = io.opentelemetry.proto.trace.v1.ScopeSpans.newBuilder();
      for (int i = 0; i < 4; i++) {
        spans.addSpans(ProcessorsTest.span(ProcessorsTest.traceId(600 + i), 1, "POST /pay").setStartTimeUnixNano(at)
            .setEndTimeUnixNano(at + 2_000_000_000L).setStatus(io.opentelemetry.proto.trace.v1.Status.newBuilder()
                .setCode(i < 3 ? io.opentelemetry.proto.trace.v1.Status.StatusCode.STATUS_CODE_ERROR
                    : io.opentelemetry.proto.trace.v1.Status.StatusCode.STATUS_CODE_OK)));
      }
      ProcessorsTest.send(server, io.opentelemetry.proto.trace.v1.ResourceSpans.newBuilder().setResource(Resource.newBuilder()
          .addAttributes(attr("service.name", "payments"))).addScopeSpans(spans).build());
      server.awaitStored();
      HttpResponse<String> put = server.request("PUT", "/api/v1/rules/files/signals.yml", "application/yaml", """
          groups:
            - name: signals
              interval: 1m
              rules:
                - alert: PaymentTimeouts
                  logs: {service: payments, min_severity: error, body_contains: timeout, window: 5m, group_by: [service]}
                  condition: "> 10"
                - alert: PaymentErrors
                  spans: {service: payments, name: "POST /pay", measure: error_rate, window: 5m}
                  condition: "> 0.5"
                - alert: PaymentSlow
                  spans: {service: payments, measure: latency_quantile, quantile: "0.99", window: 5m}
                  condition: "> 1"
          """);
      assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
      nextEvaluation(server, clock, "signals");
      JsonNode alerts = server.getJson("/api/v1/alerts").get("data").get("alerts");
      assertThat(alerts.toString()).contains("\"alertname\":\"PaymentTimeouts\"", "\"alertname\":\"PaymentErrors\"",
          "\"alertname\":\"PaymentSlow\"");
      for (JsonNode a : alerts) {
        assertThat(a.get("state").asText()).isEqualTo("firing");
        switch (a.get("labels").get("alertname").asText()) {
          case "PaymentTimeouts" -> assertThat(a.get("value").asDouble()).isEqualTo(12);
          case "PaymentErrors" -> assertThat(a.get("value").asDouble()).isEqualTo(0.75);
          default -> assertThat(a.get("value").asDouble()).isEqualTo(2.0);
        }
      }
      HttpResponse<String> bad = server.request("PUT", "/api/v1/rules/files/bad.yml", "application/yaml",
          "groups:\n  - name: b\n    rules:\n      - alert: Z\n        spans: {service: x, colour: red}\n        condition: \"> 1\"\n");
      assertThat(readJson(bad.body()).get("error").asText()).startsWith("api/bad.yml:5: groups[0].rules[0].spans: spans: unknown parameter 'colour'");
    }
  }

  @Test
  void recordingRulesStoreTheirResultsAsSeries() {
    MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MINUTES));
    try (TestServer server = new TestServer(dir.resolve("data"), clock, "--alerting.default.rules.enabled=false")) {
      sendDepth(server, clock.instant().minus(Duration.ofMinutes(5)), 20, 20);
      assertThat(server.request("PUT", "/api/v1/rules/files/rec.yml", "application/yaml", """
          groups:
            - name: rec
              interval: 1m
              rules:
                - record: job:queue_depth:max
                  expr: max by (job) (queue_depth)
                  labels: {source: rule}
          """).statusCode()).isEqualTo(200);
      JsonNode rule = nextEvaluation(server, clock, "rec");
      assertThat(rule.get("type").asText()).isEqualTo("recording");
      assertThat(rule.get("health").asText()).isEqualTo("ok");
      TestServer.await("the recorded series", () -> server.getJson("/api/v1/query?time=" + clock.instant().getEpochSecond()
          + "&query=" + TestServer.encode("job:queue_depth:max{source=\"rule\", job=\"shop\"}")).get("data").get("result").size() == 1);
      assertThat(server.getJson("/api/v1/query?time=" + clock.instant().getEpochSecond() + "&query="
          + TestServer.encode("job:queue_depth:max")).get("data").get("result").get(0).get("value").get(1).asText()).isEqualTo("150");
    }
  }

  @Test
  void sightlineStoresItsOwnMetrics() {
    try (TestServer server = new TestServer(dir.resolve("data"), "--self.metrics.interval=200ms")) {
      TestServer.await("self-metrics in the store", () -> server.getJson("/api/v1/query?query="
          + TestServer.encode("sightline_ingest_log_segments{job=\"sightline\"}")).get("data").get("result").size() == 1);
    }
  }

  private static JsonNode readJson(String body) {
    try {
      return TestServer.JSON.readTree(body);
    } catch (java.io.IOException e) {
      throw new AssertionError(body, e);
    }
  }
}
