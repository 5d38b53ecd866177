package dev.sightline.server;

import static dev.sightline.server.JaegerQueryApiTest.TRACE;
import static dev.sightline.server.ProcessorsTest.attr;
import static dev.sightline.server.ProcessorsTest.hex;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line client run as its own process against a running server with authentication on. */
class CliTest {
  private static final String ADMIN = "cli-process-test-admin";
  @TempDir static Path dir;
  static TestServer server;
  static Path profiles;

  private record Run(int code, String out, String err) {}

  @BeforeAll
  static void start() throws IOException {
    server = new TestServer(dir.resolve("data"), "--auth.enabled=true", "--auth.admin.key=" + ADMIN);
    String auth = "Bearer " + ADMIN;
    assertThat(server.post(server.otlpHttp() + "/v1/traces", "application/x-protobuf",
        JaegerQueryApiTest.checkout().toByteArray(), "Authorization", auth).statusCode()).isEqualTo(200);
    long now = System.currentTimeMillis() * 1_000_000L;
    ScopeLogs.Builder logs = ScopeLogs.newBuilder();
    for (int i = 0; i < 3; i++) {
      logs.addLogRecords(LogRecord.newBuilder().setTimeUnixNano(now - i * 1_000_000_000L).setSeverityText("ERROR")
          .setBody(AnyValue.newBuilder().setStringValue("payment failed, attempt " + i)));
    }
    assertThat(server.post(server.otlpHttp() + "/v1/logs", "application/x-protobuf", ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(ResourceLogs.newBuilder().setResource(Resource.newBuilder().addAttributes(attr("service.name", "shop")))
            .addScopeLogs(logs)).build().toByteArray(), "Authorization", auth).statusCode()).isEqualTo(200);
    Gauge.Builder gauge = Gauge.newBuilder();
    for (int i = 0; i < 10; i++) {
      gauge.addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(now - (10 - i) * 30_000_000_000L).setAsDouble(i));
    }
    assertThat(server.post(server.otlpHttp() + "/v1/metrics", "application/x-protobuf", ExportMetricsServiceRequest.newBuilder()
        .addResourceMetrics(ResourceMetrics.newBuilder().setResource(Resource.newBuilder().addAttributes(attr("service.name", "shop")))
            .addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(Metric.newBuilder().setName("queue_depth").setGauge(gauge))))
        .build().toByteArray(), "Authorization", auth).statusCode()).isEqualTo(200);
    TestServer.await("the data to be stored", () -> run("logs", "search", "--service", "shop").out().contains("attempt 2")
        && run("trace", hex(TRACE)).code() == 0);
    profiles = dir.resolve("cli.yaml");
    Files.writeString(profiles, "default: local\nprofiles:\n  local: {url: '" + server.api() + "', key: '" + ADMIN + "'}\n"
        + "  nowhere: {url: 'http://127.0.0.1:1'}\n");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** {@code sightline <args>} as a process, with the server and key in the environment. */
  private static Run run(String... args) {
    return runWith(List.of("SIGHTLINE_URL=" + server.api(), "SIGHTLINE_API_KEY=" + ADMIN), args);
  }

  private static Run runWith(List<String> env, String... args) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), "dev.sightline.server.cli.SightlineCli"));
    command.addAll(List.of(args));
    ProcessBuilder b = new ProcessBuilder(command);
    b.environment().remove("SIGHTLINE_URL");
    b.environment().remove("SIGHTLINE_API_KEY");
    b.environment().put("SIGHTLINE_CLI_CONFIG", dir.resolve("cli.yaml").toString());
    for (String e : env) {
      b.environment().put(e.substring(0, e.indexOf('=')), e.substring(e.indexOf('=') + 1));
    }
    try {
      Process p = b.start();
      p.getOutputStream().close();
      var out = p.getInputStream().readAllBytes();
      var err = p.getErrorStream().readAllBytes();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the CLI ended").isTrue();
      return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void servicesAndTraceSearch() {
    Run services = run("services");
    assertThat(services.code()).as(services.err()).isZero();
    assertThat(services.out()).contains("SERVICE").contains("frontend").contains("payments");
    Run search = run("traces", "search", "--service", "frontend", "--min-duration", "100ms", "--errors");
    assertThat(search.out()).contains(hex(TRACE)).contains("GET /checkout").contains("120.0ms");
    Run csv = run("traces", "search", "--service", "frontend", "-o", "csv");
    assertThat(csv.out().lines().findFirst().orElseThrow()).isEqualTo("TRACE ID,SERVICE,ROOT,START,DURATION,SPANS,ERRORS");
  }

  @Test
  void aTraceAsAWaterfall() {
    Run trace = run("trace", hex(TRACE));
    assertThat(trace.code()).isZero();
    List<String> lines = trace.out().lines().toList();
    assertThat(lines.get(0)).startsWith("frontend GET /checkout").contains("|!").contains("120.0ms  error");
    assertThat(lines.get(1)).startsWith("  frontend POST /charge").contains("█");
    assertThat(lines.get(2)).startsWith("    payments POST /charge");
    assertThat(trace.out()).contains("3 spans");
    Run missing = run("trace", "ab".repeat(16));
    assertThat(missing.code()).as("not found").isEqualTo(3);
    assertThat(missing.err()).contains("404");
  }

  @Test
  void logsSearchTailAndExport() {
    Run search = run("logs", "search", "--service", "shop", "--contains", "attempt 1");
    assertThat(search.out()).contains("payment failed, attempt 1").doesNotContain("attempt 2");
    Run tail = run("logs", "tail", "-f", "--service", "shop", "--since", "10m", "--interval", "0.2s", "--for", "1s");
    assertThat(tail.code()).isZero();
    assertThat(tail.out().lines().filter(l -> l.contains("payment failed")).count()).as("each line once").isEqualTo(3);
    assertThat(tail.out().indexOf("attempt 2")).as("oldest first").isLessThan(tail.out().indexOf("attempt 0"));
    Run export = run("export", "logs", "--service", "shop", "-o", "csv");
    assertThat(export.out().lines().count()).isEqualTo(4);
    Run traces = run("export", "traces", "--service", "frontend");
    assertThat(traces.out().lines().findFirst().orElseThrow()).startsWith("{\"traceId\":\"" + hex(TRACE));
  }

  @Test
  void promqlAsATableAndASparkline() {
    Run instant = run("query", "queue_depth");
    assertThat(instant.out()).contains("queue_depth").contains("9");
    Run range = run("query", "queue_depth", "--range", "10m", "--step", "30s");
    assertThat(range.code()).as(range.err()).isZero();
    assertThat(range.out()).contains("TREND").contains("▁").contains("█");
    Run json = run("query", "queue_depth", "-o", "json");
    assertThat(json.out()).contains("\"resultType\" : \"vector\"");
    Run bad = run("query", "rate(");
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.err()).contains("400");
  }

  @Test
  void rulesLintAndBacktestAndAlerts() throws IOException {
    Path good = dir.resolve("good.yml");
    Files.writeString(good, "groups:\n  - name: q\n    rules:\n      - alert: Deep\n        expr: queue_depth > 5\n");
    Path bad = dir.resolve("bad.yml");
    Files.writeString(bad, "groups:\n  - name: q\n    rules:\n      - alert: Deep\n        expr: queue_depth >\n");
    Run lint = run("rules", "lint", good.toString(), bad.toString());
    assertThat(lint.code()).isEqualTo(1);
    assertThat(lint.out()).contains("good.yml: ok, 1 groups, 1 rules").contains("bad.yml: line 5: groups[0].rules[0].expr");
    Run backtest = run("rules", "backtest", good.toString(), "--since", "1h");
    assertThat(backtest.code()).as(backtest.err()).isZero();
    assertThat(backtest.out()).contains("ALERT").contains("Deep");
    Run alerts = run("alerts");
    assertThat(alerts.code()).isZero();
    assertThat(alerts.out()).startsWith("ALERT");
  }

  @Test
  void ruleUnitTestsInPromtoolsFormat() throws IOException {
    Path rules = dir.resolve("unit-rules.yml");
    Files.writeString(rules, """
        groups:
          - name: example
            rules:
              - alert: InstanceDown
                expr: up == 0
                for: 5m
                labels: {severity: critical}
                annotations: {summary: "Instance {{ $labels.instance }} down"}
        """);
    String test = """
        rule_files: [unit-rules.yml]
        evaluation_interval: 1m
        tests:
          - interval: 1m
            input_series:
              - series: 'up{job="prometheus", instance="localhost:9090"}'
                values: '0x14'
              - series: 'up{job="node", instance="localhost:9100"}'
                values: '1+0x6 0 0 0 0 0 0 0 0'
            alert_rule_test:
              - eval_time: 3m
                alertname: InstanceDown
                exp_alerts: []
              - eval_time: 10m
                alertname: InstanceDown
                exp_alerts:
                  - exp_labels: {severity: critical, instance: "localhost:9090", job: prometheus}
                    exp_annotations: {summary: "Instance localhost:9090 down"}
            promql_expr_test:
              - expr: sum by (job) (up)
                eval_time: 4m
                exp_samples:
                  - {labels: '{job="node"}', value: 1}
                  - {labels: '{job="prometheus"}', value: 0}
        """;
    Path passing = dir.resolve("unit-test.yml");
    Files.writeString(passing, test);
    Run ok = runWith(List.of("SIGHTLINE_URL=http://127.0.0.1:1"), "rules", "test", passing.toString());
    assertThat(ok.code()).as(ok.out() + ok.err()).isZero();
    assertThat(ok.out()).contains("test 0: ok");
    Path failing = dir.resolve("unit-test-wrong.yml");
    Files.writeString(failing, test.replace("eval_time: 10m", "eval_time: 8m").replace("'0x14'", "'0x14'"));
    Files.writeString(failing, test.replace("- eval_time: 3m\n        alertname: InstanceDown\n        exp_alerts: []",
        "- eval_time: 4m\n        alertname: InstanceDown\n        exp_alerts: [{exp_labels: {severity: critical, instance: \"localhost:9090\", job: prometheus}}]"));
    Run wrong = runWith(List.of(), "rules", "test", failing.toString());
    assertThat(wrong.code()).isEqualTo(1);
    assertThat(wrong.out()).contains("alert InstanceDown at 4m").contains("got      []").contains("1 check(s) failed");
  }

  @Test
  void profilesExitCodesAndCompletion() {
    Run profile = runWith(List.of(), "services");
    assertThat(profile.out()).as("the default profile's server and key").contains("frontend");
    Run nowhere = runWith(List.of(), "--profile=nowhere", "services");
    assertThat(nowhere.code()).as(nowhere.err()).isEqualTo(2); // --profile belongs after the command
    Run unreachable = runWith(List.of(), "services", "--profile", "nowhere");
    assertThat(unreachable.code()).isEqualTo(4);
    assertThat(unreachable.err()).contains("cannot reach the server");
    Run noKey = runWith(List.of("SIGHTLINE_CLI_CONFIG=/nonexistent", "SIGHTLINE_URL=" + server.api()), "services");
    assertThat(noKey.code()).isEqualTo(1);
    assertThat(noKey.err()).contains("401").contains("SIGHTLINE_API_KEY");
    assertThat(run("traces", "search", "--limit", "x").code()).isEqualTo(2);
    Run completion = run("generate-completion");
    assertThat(completion.out()).contains("complete").contains("sightline");
  }
}
