package dev.sightline.alerting.notify;

import dev.sightline.storage.tests.ManualClock;

import static dev.sightline.alerting.notify.TestAlerts.T0;
import static dev.sightline.alerting.notify.TestAlerts.firing;
import static dev.sightline.alerting.notify.TestAlerts.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sightline.alerting.NotifiableAlert;
import dev.sightline.pipeline.SelfMetrics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Slack, PagerDuty and Alertmanager payloads, checked field by field at local stand-ins. */
class HttpChannelTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONFIG = """
      external_url: http://sightline:8080
      route: {receiver: all, group_by: [alertname], group_wait: 30s, group_interval: 5m}
      receivers:
        - name: all
          slack_configs: [{api_url: '%1$s/slack/T0/B0/secret', channel: '#alerts'}]
          pagerduty_configs: [{routing_key: k3y, url: '%1$s/pagerduty'}]
          alertmanager_configs: [{url: '%1$s/am/'}]
        - name: templated
          slack_configs:
            - api_url: '%1$s/slack2'
              title: '{{ .Status }} {{ .CommonLabels.service }}: {{ .Alerts.Firing | len }} firing'
              text: '{{ .CommonAnnotations.summary }} see {{ .ExternalURL }}'
      """;
  private static final NotifiableAlert A = firing(Map.of("alertname", "HighErrorRate", "service", "checkout",
      "severity", "critical", "instance", "a:8080"));
  private static final NotifiableAlert B = firing(Map.of("alertname", "HighErrorRate", "service", "checkout",
      "severity", "critical", "instance", "b:8080"));

  @TempDir Path dir;

  @Test
  void slackPagerDutyAndAlertmanagerGetTheirOwnFormats() throws Exception {
    ManualClock clock = new ManualClock(T0);
    try (RecordingEndpoint endpoint = new RecordingEndpoint()) {
      NotificationDispatcher d = NotificationDispatcher.builder(TestAlerts.config(CONFIG.formatted(endpoint.url(""))))
          .silences(TestSilences.in(dir, clock)).dataDirectory(dir).clock(clock).metrics(new SelfMetrics()).build();
      d.send(List.of(A, B));
      clock.advance(Duration.ofSeconds(30));
      d.tick();
      assertThat(endpoint.await(3)).hasSize(3);

      JsonNode slack = endpoint.requests("/slack/T0/B0/secret").get(0).body();
      assertThat(slack.path("channel").asText()).isEqualTo("#alerts");
      assertThat(slack.path("text").asText()).isEqualTo("[FIRING:2] HighErrorRate (checkout critical)");
      JsonNode attachment = slack.path("attachments").get(0);
      assertThat(attachment.path("title").asText()).isEqualTo("[FIRING:2] HighErrorRate (checkout critical)");
      assertThat(attachment.path("title_link").asText()).isEqualTo("http://sightline:8080");
      assertThat(attachment.path("color").asText()).isEqualTo("danger");
      assertThat(attachment.path("text").asText())
          .isEqualTo("*Firing:* HighErrorRate — errors above 5%\n*Firing:* HighErrorRate — errors above 5%");

      JsonNode pd = endpoint.requests("/pagerduty").get(0).body();
      String dedup = PagerDutyChannel.dedupKey("{}:{alertname=\"HighErrorRate\"}");
      assertThat(dedup).hasSize(64);
      assertThat(pd.path("routing_key").asText()).isEqualTo("k3y");
      assertThat(pd.path("event_action").asText()).isEqualTo("trigger");
      assertThat(pd.path("dedup_key").asText()).isEqualTo(dedup);
      assertThat(pd.path("payload").path("summary").asText()).isEqualTo("[FIRING:2] HighErrorRate (checkout critical)");
      assertThat(pd.path("payload").path("source").asText()).isEqualTo("Sightline");
      assertThat(pd.path("payload").path("severity").asText()).isEqualTo("critical");
      assertThat(pd.path("payload").path("custom_details").path("num_firing").asText()).isEqualTo("2");
      assertThat(pd.path("payload").path("custom_details").path("firing").asText()).contains("instance = b:8080");

      JsonNode am = endpoint.requests("/am/api/v2/alerts").get(0).body();
      assertThat(am.isArray()).isTrue();
      assertThat(am.size()).isEqualTo(2);
      assertThat(am.get(0).path("labels")).isEqualTo(JSON.valueToTree(A.labels()));
      assertThat(am.get(0).path("annotations").path("summary").asText()).isEqualTo("errors above 5%");
      assertThat(am.get(0).path("startsAt").asText()).isEqualTo("2026-03-01T09:59:00Z");
      assertThat(am.get(0).has("endsAt")).isFalse();
      assertThat(am.get(0).path("generatorURL").asText()).isEqualTo("http://sightline:8080/alerts?rule=HighErrorRate");

      d.send(List.of(resolved(A, clock.instant()), resolved(B, clock.instant())));
      clock.advance(Duration.ofMinutes(5));
      d.tick();
      assertThat(endpoint.await(6)).hasSize(6);
      JsonNode slackResolved = endpoint.requests("/slack/T0/B0/secret").get(1).body();
      assertThat(slackResolved.path("text").asText()).isEqualTo("[RESOLVED] HighErrorRate (checkout critical)");
      assertThat(slackResolved.path("attachments").get(0).path("color").asText()).isEqualTo("good");
      JsonNode pdResolved = endpoint.requests("/pagerduty").get(1).body();
      assertThat(pdResolved.path("event_action").asText()).isEqualTo("resolve");
      assertThat(pdResolved.path("dedup_key").asText()).isEqualTo(dedup);
      JsonNode amResolved = endpoint.requests("/am/api/v2/alerts").get(1).body();
      assertThat(amResolved.get(0).path("endsAt").asText()).isEqualTo("2026-03-01T10:00:30Z");
      d.shutdown(Duration.ofSeconds(5));
    }
  }

  @Test
  void slackTitleAndTextTemplates() {
    NotificationConfig config = TestAlerts.config(CONFIG.formatted("http://127.0.0.1:1"));
    var slack = (ChannelConfig.Slack) config.receiver("templated").orElseThrow().channels().get(0);
    Notification n = new Notification("templated", "{}:{}", Map.of(), List.of(A, B), "http://sightline:8080", T0);
    JsonNode body = readTree(new SlackChannel(slack, null).render(n));
    assertThat(body.path("text").asText()).isEqualTo("firing checkout: 2 firing");
    assertThat(n.subject()).isEqualTo("[FIRING:2] (HighErrorRate checkout critical)");
    assertThat(body.path("attachments").get(0).path("text").asText())
        .isEqualTo("errors above 5% see http://sightline:8080");
  }

  @Test
  void webhookTruncatesToMaxAlerts() {
    var channel = new WebhookChannel(new ChannelConfig.Webhook(java.net.URI.create("http://x"), 1, true), null);
    Notification n = new Notification("r", "{}:{}", Map.of(), List.of(A, B), "", T0);
    JsonNode body = readTree(channel.render(n));
    assertThat(body.path("alerts").size()).isEqualTo(1);
    assertThat(body.path("truncatedAlerts").asInt()).isEqualTo(1);
  }

  private static JsonNode readTree(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
