package dev.sightline.alerting.notify;

import dev.sightline.storage.tests.ManualClock;

import static dev.sightline.alerting.notify.TestAlerts.T0;
import static dev.sightline.alerting.notify.TestAlerts.firing;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sightline.pipeline.SelfMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retries with backoff on 5xx, none on other 4xx, and the dead-letter file once attempts run out. */
class NotificationRetryTest {
  // Backoff in milliseconds keeps the test short; the policy is the same at seconds.
  private static final String CONFIG = """
      retry: {initial_backoff: 20ms, max_backoff: 80ms, max_attempts: 3, max_elapsed: 10s}
      route: {receiver: hook, group_wait: 0s}
      receivers:
        - name: hook
          webhook_configs: [{url: '%s'}]
      """;

  @TempDir Path dir;
  private final ManualClock clock = new ManualClock(T0);
  private final SelfMetrics metrics = new SelfMetrics();
  private RecordingEndpoint endpoint;
  private NotificationDispatcher dispatcher;

  @BeforeEach
  void start() throws Exception {
    endpoint = new RecordingEndpoint();
    dispatcher = NotificationDispatcher.builder(TestAlerts.config(CONFIG.formatted(endpoint.url("/hook"))))
        .silences(TestSilences.in(dir, clock)).dataDirectory(dir).clock(clock).metrics(metrics).build();
  }

  @AfterEach
  void stop() throws Exception {
    dispatcher.shutdown(Duration.ofSeconds(5));
    endpoint.close();
  }

  private long count(String outcome) {
    return metrics.value("sightline_notifications_total", "receiver", "hook", "channel", "webhook", "outcome", outcome);
  }

  private void awaitIdle() throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (dispatcher.pendingDeliveries() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }

  @Test
  void serverErrorIsRetriedAndThenDelivered() throws Exception {
    endpoint.answer(500, 503);
    dispatcher.send(List.of(firing(Map.of("alertname", "A"))));
    dispatcher.tick();
    List<RecordingEndpoint.Request> got = endpoint.await(3);
    awaitIdle();
    assertThat(got).hasSize(3);
    assertThat(got.get(2).body()).isEqualTo(got.get(0).body());
    assertThat(count("retried")).isEqualTo(2);
    assertThat(count("sent")).isEqualTo(1);
    assertThat(count("failed")).isZero();
    assertThat(dispatcher.deadLetters(10)).isEmpty();
    assertThat(dispatcher.history()).singleElement().satisfies(h -> assertThat(h.attempts()).isEqualTo(3));
  }

  @Test
  void endpointThatKeepsFailingEndsInTheDeadLetterFile() throws Exception {
    endpoint.alwaysAnswer(500);
    dispatcher.send(List.of(firing(Map.of("alertname", "A"))));
    dispatcher.tick();
    assertThat(endpoint.await(3)).hasSize(3);
    awaitIdle();
    assertThat(count("retried")).isEqualTo(2);
    assertThat(count("failed")).isEqualTo(1);
    List<String> lines = Files.readAllLines(dir.resolve("dead-letter.jsonl"));
    assertThat(lines).hasSize(1);
    var letter = new ObjectMapper().readTree(lines.get(0));
    assertThat(letter.path("receiver").asText()).isEqualTo("hook");
    assertThat(letter.path("channel").asText()).isEqualTo("webhook");
    assertThat(letter.path("groupKey").asText()).isEqualTo("{}:{}");
    assertThat(letter.path("attempts").asInt()).isEqualTo(3);
    assertThat(letter.path("time").asText()).isEqualTo("2026-03-01T10:00:00Z");
    assertThat(letter.path("lastError").asText()).contains("HTTP 500");
    assertThat(new ObjectMapper().readTree(letter.path("payload").asText()).path("version").asText()).isEqualTo("4");
    assertThat(dispatcher.deadLetters(10)).singleElement().satisfies(d -> {
      assertThat(d.attempts()).isEqualTo(3);
      assertThat(d.lastError()).contains("HTTP 500");
    });
    assertThat(dispatcher.history()).singleElement().satisfies(h -> assertThat(h.outcome()).isEqualTo("failed"));
  }

  @Test
  void resolveWaitsForTheTriggerStillBeingRetried() throws Exception {
    endpoint.answer(500, 500);
    var alert = firing(Map.of("alertname", "A"));
    dispatcher.send(List.of(alert));
    dispatcher.tick();
    dispatcher.send(List.of(TestAlerts.resolved(alert, clock.instant())));
    clock.advance(Duration.ofMinutes(5));
    dispatcher.tick();
    List<RecordingEndpoint.Request> got = endpoint.await(4);
    assertThat(got).extracting(r -> r.body().path("status").asText())
        .containsExactly("firing", "firing", "firing", "resolved");
  }

  @Test
  void clientErrorIsNotRetried() throws Exception {
    endpoint.alwaysAnswer(400);
    dispatcher.send(List.of(firing(Map.of("alertname", "A"))));
    dispatcher.tick();
    assertThat(endpoint.await(1)).hasSize(1);
    awaitIdle();
    assertThat(endpoint.requests()).hasSize(1);
    assertThat(count("retried")).isZero();
    assertThat(count("failed")).isEqualTo(1);
    assertThat(dispatcher.deadLetters(10)).singleElement().satisfies(d -> assertThat(d.attempts()).isEqualTo(1));
  }

  @Test
  void historySurvivesARestart() throws Exception {
    dispatcher.send(List.of(firing(Map.of("alertname", "A"))));
    dispatcher.tick();
    endpoint.await(1);
    awaitIdle();
    NotificationDispatcher again = NotificationDispatcher.builder(TestAlerts.config(CONFIG.formatted(
        endpoint.url("/hook")))).silences(TestSilences.in(dir, clock)).dataDirectory(dir).clock(clock).build();
    assertThat(again.history()).singleElement().satisfies(h -> {
      assertThat(h.outcome()).isEqualTo("sent");
      assertThat(h.alerts()).containsExactly(Map.of("alertname", "A"));
    });
    again.shutdown(Duration.ofSeconds(1));
  }

  @Test
  void backoffDoublesUpToItsMaximum() {
    RetryPolicy p = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(5), 10, Duration.ofMinutes(1));
    assertThat(List.of(p.backoff(1), p.backoff(2), p.backoff(3), p.backoff(4))).containsExactly(
        Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(5));
  }
}
