package dev.sightline.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web UI in a real browser: Debian's chromium, driven by playwright-core from ui/e2e/browser-test.mjs,
 * against a real server loaded with {@link UiTestData}. The script walks search → trace → span
 * details → the span's log → back, a log search, a PromQL chart, the alert list and a 10,000-span
 * trace, and prints the figures it measured. Skipped, saying why, when chromium is not installed.
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
  @TempDir Path dir;

  @Test
  void walksThroughEveryPageInChromium() throws Exception {
    Path chromium = Path.of(System.getenv().getOrDefault("SIGHTLINE_CHROMIUM", "/usr/bin/chromium"));
    Assumptions.assumeTrue(Files.isExecutable(chromium), "no chromium at " + chromium
        + ": the browser tests are skipped (apt-get install chromium, or set SIGHTLINE_CHROMIUM; .ci/run installs it)");
    Path ui = Path.of(System.getProperty("user.dir")).resolveSibling("ui");
    assertThat(ui.resolve("node_modules/playwright-core")).as("the ui module's build installs playwright-core (npm ci)").exists();
    Path screenshots = Path.of(System.getProperty("sightline.ui.screenshots", "target/ui-screenshots")).toAbsolutePath();
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

      ProcessBuilder node = new ProcessBuilder("node", "e2e/browser-test.mjs").directory(ui.toFile()).redirectErrorStream(true);
      node.environment().putAll(java.util.Map.of(
          "SIGHTLINE_URL", server.api(), "SIGHTLINE_CHROMIUM", chromium.toString(), "SIGHTLINE_SCREENSHOTS", screenshots.toString(),
          "SIGHTLINE_ERROR_TRACE", data.errorTraceId(), "SIGHTLINE_PAYMENT_SPAN", data.paymentSpanId(),
          "SIGHTLINE_BIG_TRACE", data.bigTraceId(), "SIGHTLINE_BIG_TRACE_SPANS", Integer.toString(UiTestData.BIG_TRACE_SPANS)));
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
      assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("the browser test ends").isTrue();
      assertThat(p.exitValue()).as("the browser test passes:\n" + String.join("\n", output)).isZero();
      assertThat(output).anySatisfy(l -> assertThat(l).startsWith("all steps passed"));
    }
  }
}
