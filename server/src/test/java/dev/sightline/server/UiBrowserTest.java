package dev.sightline.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web UI in a real browser: Debian's chromium, driven by playwright-core from the scripts in
 * ui/e2e, against a real server. browser-test.mjs walks search → trace → span details → the span's
 * log → back, trace comparison, the service overview and map, a log search with its volume and
 * live tail, PromQL with completion and its charts, the alert list with a backtest preview, a
 * dashboard, the Admin page and a 10,000-span trace over {@link UiTestData}, and prints the figures
 * it measured; auth-test.mjs signs in with an API key on a server with authentication on and checks
 * that a viewer is offered nothing it may not do. Skipped, saying why, when chromium is not installed.
 * Screenshots go to target/ui-screenshots, or to the directory named by -Dsightline.ui.screenshots
 * (docs/ui to refresh the documentation's).
 */
class UiBrowserTest {
  private static final String RULES = """
      groups:
        - name: queues
          interval: 1s
          rules:
            - alert: QueueBacklog
              expr: queue_depth > 100
              labels: {severity: critical}
              annotations: {summary: "{{ $labels.queue }} holds {{ $value }} messages"}
      """;
  private static final String ADMIN_KEY = "ui-browser-test-admin-key";
  @TempDir Path dir;
  private Path chromium;
  private Path ui;
  private Path screenshots;

  @BeforeEach
  void needsChromium() {
    chromium = Path.of(System.getenv().getOrDefault("SIGHTLINE_CHROMIUM", "/usr/bin/chromium"));
    Assumptions.assumeTrue(Files.isExecutable(chromium), "no chromium at " + chromium
        + ": the browser tests are skipped (apt-get install chromium, or set SIGHTLINE_CHROMIUM; .ci/run installs it)");
    ui = Path.of(System.getProperty("user.dir")).resolveSibling("ui");
    assertThat(ui.resolve("node_modules/playwright-core")).as("the ui module's build installs playwright-core (npm ci)").exists();
    screenshots = Path.of(System.getProperty("sightline.ui.screenshots", "target/ui-screenshots")).toAbsolutePath();
  }

  @Test
  void walksThroughEveryPageInChromium() throws Exception {
    Path rules = Files.createDirectories(dir.resolve("rules"));
    Files.writeString(rules.resolve("queues.yml"), RULES);
    try (TestServer server = new TestServer(dir.resolve("data"), "--alerting.rules.dir=" + rules)) {
      UiTestData.Loaded data = UiTestData.load(server, Instant.now());
      TestServer.await("the QueueBacklog alert to fire", () -> server.get("/api/v1/alerts").body().contains("\"firing\""));
      String silence = """
          {"matchers": ["alertname=\\"QueueBacklog\\"", "queue=\\"emails\\""], "endsAt": "%s",
           "createdBy": "ops", "comment": "emails queue migration"}""".formatted(Instant.now().plusSeconds(7200));
      assertThat(server.post(server.api() + "/api/v1/silences", "application/json", silence.getBytes(StandardCharsets.UTF_8))
          .statusCode()).isEqualTo(200);
      runNode("browser-test.mjs", Map.of("SIGHTLINE_URL", server.api(), "SIGHTLINE_OTLP_HTTP", server.otlpHttp(),
          "SIGHTLINE_ERROR_TRACE", data.errorTraceId(), "SIGHTLINE_PAYMENT_SPAN", data.paymentSpanId(),
          "SIGHTLINE_BIG_TRACE", data.bigTraceId(), "SIGHTLINE_BIG_TRACE_SPANS", Integer.toString(UiTestData.BIG_TRACE_SPANS)));
    }
  }

  @Test
  void asksForCredentialsAndUsesAnApiKeyWhenAuthenticationIsOn() throws Exception {
    try (TestServer server = new TestServer(dir.resolve("data"), "--auth.enabled=true", "--auth.admin.key=" + ADMIN_KEY)) {
      long now = Instant.now().toEpochMilli() * 1_000_000L;
      String trace = """
          {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"frontend"}}]},
           "scopeSpans":[{"spans":[{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174",
             "name":"GET /","startTimeUnixNano":"%d","endTimeUnixNano":"%d"}]}]}]}""".formatted(now - 60_000_000_000L,
          now - 59_000_000_000L);
      assertThat(server.post(server.otlpHttp() + "/v1/traces", "application/json", trace.getBytes(StandardCharsets.UTF_8),
          "Authorization", "Bearer " + ADMIN_KEY).statusCode()).isEqualTo(200);
      TestServer.await("the trace stored", () -> server.http.sendAsync(HttpRequest.newBuilder(
          URI.create(server.api() + "/api/v1/services")).header("Authorization", "Bearer " + ADMIN_KEY).build(),
          HttpResponse.BodyHandlers.ofString()).join().body().contains("frontend"));
      HttpResponse<String> viewer = server.http.send(HttpRequest.newBuilder(URI.create(server.api() + "/api/v1/keys"))
          .header("Authorization", "Bearer " + ADMIN_KEY).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"ui viewer\", \"role\": \"viewer\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(viewer.statusCode()).as(viewer.body()).isEqualTo(201);
      runNode("auth-test.mjs", Map.of("SIGHTLINE_URL", server.api(), "SIGHTLINE_API_KEY", ADMIN_KEY,
          "SIGHTLINE_VIEWER_KEY", TestServer.JSON.readTree(viewer.body()).get("key").asText()));
    }
  }

  /** Runs a script of ui/e2e with node, echoing what it prints; it must end with "all steps passed". */
  private void runNode(String script, Map<String, String> env) throws IOException, InterruptedException {
    ProcessBuilder node = new ProcessBuilder("node", "e2e/" + script).directory(ui.toFile()).redirectErrorStream(true);
    Map<String, String> all = new HashMap<>(env);
    all.put("SIGHTLINE_CHROMIUM", chromium.toString());
    all.put("SIGHTLINE_SCREENSHOTS", screenshots.toString());
    node.environment().putAll(all);
    Process p = node.start();
    List<String> output = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        System.out.println("[browser] " + line);
        output.add(line);
      }
    } catch (IOException e) {
      p.destroyForcibly();
      throw e;
    }
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).as(script + " ends").isTrue(); // the script stops itself after 4 minutes
    assertThat(p.exitValue()).as(script + " passes:\n" + String.join("\n", output)).isZero();
    assertThat(output).anySatisfy(l -> assertThat(l).startsWith("all steps passed"));
  }
}
