package dev.sightline.alerting.notify;

import dev.sightline.storage.tests.ManualClock;

import static dev.sightline.alerting.notify.TestAlerts.T0;
import static dev.sightline.alerting.notify.TestAlerts.firing;
import static dev.sightline.alerting.notify.TestAlerts.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sightline.alerting.NotifiableAlert;
import dev.sightline.pipeline.SelfMetrics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dispatcher against a real webhook receiver, with time moved by hand. */
class NotificationDispatcherTest {
  private static final String CONFIG = """
      external_url: http://sightline:8080
      route:
        receiver: team
        group_by: [alertname]
        group_wait: 30s
        group_interval: 5m
        repeat_interval: 4h
      inhibit_rules:
        - source_matchers: ['severity="critical"']
          target_matchers: ['severity="warning"']
          equal: [cluster]
      receivers:
        - name: team
          webhook_configs:
            - url: %s
      """;
  private static final NotifiableAlert CHECKOUT_1 = firing(Map.of("alertname", "HighErrorRate", "service", "checkout",
      "severity", "critical", "instance", "a:8080"));
  private static final NotifiableAlert CHECKOUT_2 = firing(Map.of("alertname", "HighErrorRate", "service", "checkout",
      "severity", "critical", "instance", "b:8080"));

  @TempDir Path dir;
  private final ManualClock clock = new ManualClock(T0);
  private final SelfMetrics metrics = new SelfMetrics();
  private RecordingEndpoint webhook;
  private Silences silences;
  private NotificationDispatcher dispatcher;

  @BeforeEach
  void start() throws Exception {
    webhook = new RecordingEndpoint();
    silences = TestSilences.in(dir, clock);
    dispatcher = NotificationDispatcher.builder(TestAlerts.config(CONFIG.formatted(webhook.url("/hook"))))
        .silences(silences).dataDirectory(dir).clock(clock).metrics(metrics).build();
  }

  @AfterEach
  void stop() throws Exception {
    dispatcher.shutdown(Duration.ofSeconds(5));
    webhook.close();
  }

  private void awaitDelivered() throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (dispatcher.pendingDeliveries() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }

  /** One evaluation: the firing alerts are sent, then time passes and the dispatcher ticks. */
  private void evaluate(Duration after, NotifiableAlert... alerts) {
    dispatcher.send(List.of(alerts));
    clock.advance(after);
    dispatcher.tick();
  }

  @Test
  void firingAlertIsNotifiedOnceAfterGroupWaitInAlertmanagersWebhookFormat() throws Exception {
    evaluate(Duration.ofSeconds(29), CHECKOUT_1);
    assertThat(webhook.await(0)).isEmpty();
    evaluate(Duration.ofSeconds(1), CHECKOUT_1);

    List<RecordingEndpoint.Request> got = webhook.await(1);
    assertThat(got).hasSize(1);
    assertThat(got.get(0).method()).isEqualTo("POST");
    assertThat(got.get(0).contentType()).isEqualTo("application/json");
    JsonNode body = got.get(0).body();
    assertThat(body.path("version").asText()).isEqualTo("4");
    assertThat(body.path("groupKey").asText()).isEqualTo("{}:{alertname=\"HighErrorRate\"}");
    assertThat(body.path("truncatedAlerts").asInt()).isZero();
    assertThat(body.path("status").asText()).isEqualTo("firing");
    assertThat(body.path("receiver").asText()).isEqualTo("team");
    assertThat(body.path("externalURL").asText()).isEqualTo("http://sightline:8080");
    assertThat(body.path("groupLabels").properties()).hasSize(1);
    assertThat(body.path("groupLabels").path("alertname").asText()).isEqualTo("HighErrorRate");
    assertThat(body.path("commonLabels").path("instance").asText()).isEqualTo("a:8080");
    assertThat(body.path("commonAnnotations").path("summary").asText()).isEqualTo("errors above 5%");
    JsonNode alert = body.path("alerts").get(0);
    assertThat(body.path("alerts").size()).isEqualTo(1);
    assertThat(alert.path("status").asText()).isEqualTo("firing");
    assertThat(alert.path("labels").path("service").asText()).isEqualTo("checkout");
    assertThat(alert.path("annotations").path("summary").asText()).isEqualTo("errors above 5%");
    assertThat(alert.path("startsAt").asText()).isEqualTo("2026-03-01T09:59:00Z");
    assertThat(alert.path("endsAt").asText()).isEqualTo("0001-01-01T00:00:00Z");
    assertThat(alert.path("generatorURL").asText()).isEqualTo("http://sightline:8080/alerts?rule=HighErrorRate");
    assertThat(alert.path("fingerprint").asText()).isEqualTo(CHECKOUT_1.fingerprint());
    awaitDelivered();
    assertThat(metrics.value("sightline_notifications_total", "receiver", "team", "channel", "webhook",
        "outcome", "sent")).isEqualTo(1);
    assertThat(dispatcher.history()).singleElement().satisfies(h -> {
      assertThat(h.outcome()).isEqualTo("sent");
      assertThat(h.status()).isEqualTo("firing");
      assertThat(h.groupKey()).isEqualTo("{}:{alertname=\"HighErrorRate\"}");
    });
  }

  @Test
  void sameAlertEveryEvaluationIsNotRenotifiedUntilRepeatInterval() throws Exception {
    evaluate(Duration.ofSeconds(30), CHECKOUT_1);
    assertThat(webhook.await(1)).hasSize(1);
    // Evaluation re-sends the firing alert every minute; flushes every 5m find nothing new.
    for (int minute = 1; minute < 240; minute++) {
      evaluate(Duration.ofMinutes(1), CHECKOUT_1);
    }
    assertThat(webhook.await(1)).hasSize(1);
    evaluate(Duration.ofMinutes(1), CHECKOUT_1);
    assertThat(webhook.await(2)).hasSize(2);
    assertThat(webhook.requests().get(1).body().path("status").asText()).isEqualTo("firing");
  }

  @Test
  void resolvedAlertIsNotifiedExactlyOnce() throws Exception {
    evaluate(Duration.ofSeconds(30), CHECKOUT_1);
    assertThat(webhook.await(1)).hasSize(1);
    evaluate(Duration.ofMinutes(1), resolved(CHECKOUT_1, clock.instant()));
    for (int i = 0; i < 20; i++) {
      evaluate(Duration.ofMinutes(1));
    }
    List<RecordingEndpoint.Request> got = webhook.await(2);
    assertThat(got).hasSize(2);
    JsonNode body = got.get(1).body();
    assertThat(body.path("status").asText()).isEqualTo("resolved");
    assertThat(body.path("alerts").get(0).path("status").asText()).isEqualTo("resolved");
    assertThat(body.path("alerts").get(0).path("endsAt").asText()).isEqualTo("2026-03-01T10:00:30Z");
    // A late duplicate of the resolution finds no group and stays quiet.
    evaluate(Duration.ofMinutes(10), resolved(CHECKOUT_1, T0));
    awaitDelivered();
    assertThat(webhook.requests()).hasSize(2);
  }

  @Test
  void alertsWithTheSameGroupByValuesGoOutInOneNotification() throws Exception {
    evaluate(Duration.ofSeconds(10), CHECKOUT_1);
    evaluate(Duration.ofSeconds(20), CHECKOUT_1, CHECKOUT_2);
    List<RecordingEndpoint.Request> got = webhook.await(1);
    assertThat(got).hasSize(1);
    JsonNode body = got.get(0).body();
    assertThat(body.path("alerts").size()).isEqualTo(2);
    assertThat(body.path("alerts").get(0).path("labels").path("instance").asText()).isEqualTo("a:8080");
    assertThat(body.path("alerts").get(1).path("labels").path("instance").asText()).isEqualTo("b:8080");
    assertThat(body.path("commonLabels").has("instance")).isFalse();
    assertThat(body.path("commonLabels").path("service").asText()).isEqualTo("checkout");
    // One of the two resolving is notified, with the other still firing.
    evaluate(Duration.ofMinutes(4), CHECKOUT_1, CHECKOUT_2);
    evaluate(Duration.ofMinutes(1), CHECKOUT_1, resolved(CHECKOUT_2, clock.instant()));
    got = webhook.await(2);
    assertThat(got).hasSize(2);
    assertThat(got.get(1).body().path("status").asText()).isEqualTo("firing");
    assertThat(got.get(1).body().path("alerts").get(1).path("status").asText()).isEqualTo("resolved");
  }

  @Test
  void silenceSuppressesAndItsExpiryLetsTheStillFiringAlertThrough() throws Exception {
    String id = silences.create(new SilenceRequest(SilenceRequest.matchers(List.of("service=\"checkout\"")),
        null, T0.plus(Duration.ofHours(1)), "ops", "deploying checkout"));
    evaluate(Duration.ofSeconds(30), CHECKOUT_1);
    for (int i = 0; i < 10; i++) {
      evaluate(Duration.ofMinutes(1), CHECKOUT_1);
    }
    assertThat(webhook.await(0)).isEmpty();
    assertThat(metrics.value("sightline_alerts_silenced_total")).isEqualTo(1);

    silences.expire(id);
    for (int i = 0; i < 5; i++) {
      evaluate(Duration.ofMinutes(1), CHECKOUT_1);
    }
    assertThat(webhook.await(1)).hasSize(1);
    assertThat(webhook.requests().get(0).body().path("alerts").get(0).path("labels").path("instance").asText())
        .isEqualTo("a:8080");
  }

  @Test
  void criticalAlertInhibitsWarningsWithTheSameEqualLabels() throws Exception {
    NotifiableAlert critical = firing(Map.of("alertname", "ClusterDown", "severity", "critical", "cluster", "eu1"));
    NotifiableAlert warningSame = firing(Map.of("alertname", "PodRestarts", "severity", "warning", "cluster", "eu1"));
    NotifiableAlert warningOther = firing(Map.of("alertname", "PodRestarts", "severity", "warning", "cluster", "us1"));
    evaluate(Duration.ofSeconds(30), critical, warningSame, warningOther);

    List<RecordingEndpoint.Request> got = webhook.await(2);
    assertThat(got).hasSize(2);
    assertThat(got).extracting(r -> r.body().path("groupLabels").path("alertname").asText())
        .containsExactlyInAnyOrder("ClusterDown", "PodRestarts");
    JsonNode restarts = got.stream().filter(r -> r.body().path("groupLabels").path("alertname").asText()
        .equals("PodRestarts")).findFirst().orElseThrow().body();
    assertThat(restarts.path("alerts").size()).isEqualTo(1);
    assertThat(restarts.path("alerts").get(0).path("labels").path("cluster").asText()).isEqualTo("us1");
    assertThat(metrics.value("sightline_alerts_inhibited_total")).isEqualTo(1);

    // Once the critical alert resolves, the warning it held back is notified.
    evaluate(Duration.ofMinutes(4), critical, warningSame, warningOther);
    evaluate(Duration.ofMinutes(1), resolved(critical, clock.instant()), warningSame, warningOther);
    got = webhook.await(4);
    assertThat(got).hasSize(4);
    assertThat(got.subList(2, 4)).anySatisfy(r -> assertThat(r.body().path("alerts").size()).isEqualTo(2));
  }

  @Test
  void firingAlertThatEvaluationStopsSendingResolvesAfterResolveTimeout() throws Exception {
    evaluate(Duration.ofSeconds(30), CHECKOUT_1);
    for (int i = 0; i < 10; i++) {
      evaluate(Duration.ofMinutes(1));
    }
    List<RecordingEndpoint.Request> got = webhook.await(2);
    assertThat(got).hasSize(2);
    assertThat(got.get(1).body().path("status").asText()).isEqualTo("resolved");
    assertThat(got.get(1).body().path("alerts").get(0).path("endsAt").asText()).isEqualTo("2026-03-01T10:05:00Z");
  }

  @Test
  void restartRemembersWhatWasNotifiedAndOnlyRepeatsAfterRepeatInterval() throws Exception {
    evaluate(Duration.ofSeconds(30), CHECKOUT_1);
    assertThat(webhook.await(1)).hasSize(1);
    awaitDelivered();
    dispatcher.shutdown(Duration.ofSeconds(5));
    dispatcher = NotificationDispatcher.builder(TestAlerts.config(CONFIG.formatted(webhook.url("/hook"))))
        .silences(TestSilences.in(dir, clock)).dataDirectory(dir).clock(clock).metrics(metrics).build();

    evaluate(Duration.ofSeconds(30), CHECKOUT_1);
    for (int minute = 1; minute < 240; minute++) {
      evaluate(Duration.ofMinutes(1), CHECKOUT_1);
    }
    awaitDelivered();
    assertThat(webhook.requests()).hasSize(1);
    evaluate(Duration.ofMinutes(1), CHECKOUT_1);
    assertThat(webhook.await(2)).hasSize(2);
  }

  @Test
  void alertThatResolvesAcrossARestartIsNotifiedAsResolved() throws Exception {
    evaluate(Duration.ofSeconds(30), CHECKOUT_1);
    assertThat(webhook.await(1)).hasSize(1);
    awaitDelivered();
    dispatcher.shutdown(Duration.ofSeconds(5));
    dispatcher = NotificationDispatcher.builder(TestAlerts.config(CONFIG.formatted(webhook.url("/hook"))))
        .silences(TestSilences.in(dir, clock)).dataDirectory(dir).clock(clock).metrics(metrics).build();

    evaluate(Duration.ofSeconds(30), resolved(CHECKOUT_1, clock.instant()));
    List<RecordingEndpoint.Request> got = webhook.await(2);
    assertThat(got).hasSize(2);
    assertThat(got.get(1).body().path("status").asText()).isEqualTo("resolved");
  }

  @Test
  void sendDoesNotBlockAndCountsWhatTheFullQueueDrops() throws Exception {
    NotificationDispatcher small = NotificationDispatcher.builder(TestAlerts.config(
            CONFIG.formatted(webhook.url("/hook")) + "queue_capacity: 2\n"))
        .silences(silences).dataDirectory(dir).clock(clock).metrics(metrics).build();
    small.send(List.of(CHECKOUT_1, CHECKOUT_2, CHECKOUT_1));
    assertThat(metrics.value("sightline_alerts_dropped_total", "reason", "queue_full")).isEqualTo(1);
    small.shutdown(Duration.ofSeconds(1));
  }
}
