package dev.sightline.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code notifications:} section: every channel, the defaults, and errors that name the setting. */
class NotificationConfigTest {
  private static final String FULL = """
      external_url: https://sightline.example.com
      retry: {initial_backoff: 2s, max_backoff: 30s, max_attempts: 4, max_elapsed: 2m}
      route:
        receiver: ops
        group_by: [alertname, service]
        routes:
          - matchers: ['severity="critical"']
            receiver: pager
            repeat_interval: 1h
      inhibit_rules:
        - source_matchers: ['severity="critical"']
          target_matchers: ['severity="warning"']
          equal: [alertname, cluster]
      receivers:
        - name: ops
          email_configs:
            - to: ops@example.com
              from: sightline@example.com
              smarthost: smtp.example.com:587
              auth_username: sightline
              auth_password: secret
          slack_configs:
            - api_url: https://hooks.slack.com/services/T0/B0/X
              channel: '#alerts'
              title: '{{ .Status }}: {{ .CommonLabels.alertname }}'
          webhook_configs:
            - url: http://hooks.internal/alert
              max_alerts: 10
              send_resolved: false
        - name: pager
          pagerduty_configs:
            - routing_key: R0UT1NG
              severity: critical
          alertmanager_configs:
            - url: http://alertmanager:9093
      """;

  @Test
  void readsEveryChannelWithAlertmanagersDefaults() {
    NotificationConfig c = TestAlerts.config(FULL);
    assertThat(c.externalUrl()).isEqualTo("https://sightline.example.com");
    assertThat(c.retry()).isEqualTo(new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(30), 4,
        Duration.ofMinutes(2)));
    Route root = c.route();
    assertThat(root.groupWait()).isEqualTo(Duration.ofSeconds(30));
    assertThat(root.groupInterval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(root.repeatInterval()).isEqualTo(Duration.ofHours(4));
    assertThat(root.routes().get(0).groupBy()).containsExactly("alertname", "service");
    assertThat(root.routes().get(0).repeatInterval()).isEqualTo(Duration.ofHours(1));
    assertThat(c.inhibitRules().get(0).equal()).containsExactly("alertname", "cluster");
    assertThat(c.receiver("ops").orElseThrow().channels()).containsExactlyInAnyOrder(
        new ChannelConfig.Email(List.of("ops@example.com"), "sightline@example.com", "smtp.example.com", 587,
            "sightline", "secret", true, false, false, true),
        new ChannelConfig.Slack(URI.create("https://hooks.slack.com/services/T0/B0/X"), "#alerts",
            "{{ .Status }}: {{ .CommonLabels.alertname }}", "", true),
        new ChannelConfig.Webhook(URI.create("http://hooks.internal/alert"), 10, false));
    assertThat(c.receiver("pager").orElseThrow().channels()).containsExactly(
        new ChannelConfig.PagerDuty("R0UT1NG", URI.create("https://events.pagerduty.com/v2/enqueue"), "critical", true),
        new ChannelConfig.Alertmanager(URI.create("http://alertmanager:9093"), true));
  }

  @Test
  void errorsNameThePathOfTheBadSetting() {
    assertError(FULL.replace("      repeat_interval: 1h\n", "      repeat_interval: 1h\n"
            + "    - matchers: ['a=\"b\"', 'team ~ \"db\"']\n"),
        "notifications.route.routes[1].matchers[1]: 'team ~ \"db\"' is not name op \"value\"");
    assertError(FULL.replace("receiver: pager", "receiver: nobody"),
        "notifications.route.routes[0].receiver: 'nobody' is not a receiver");
    assertError(FULL.replace("repeat_interval: 1h", "repeat_interval: an hour"),
        "notifications.route.routes[0].repeat_interval: 'an hour' is not a duration");
    assertError(FULL.replace("severity: critical", "severity: page"),
        "notifications.receivers[1].pagerduty_configs[0].severity: expected critical, error, warning or info");
    assertError(FULL.replace("smtp.example.com:587", "smtp.example.com"),
        "notifications.receivers[0].email_configs[0].smarthost: 'smtp.example.com' is not host:port");
    assertError(FULL.replace("url: http://hooks.internal/alert", "url: hooks.internal/alert"),
        "notifications.receivers[0].webhook_configs[0].url: 'hooks.internal/alert' is not an http or https URL");
    assertError(FULL.replace("routing_key: R0UT1NG", "service_key: R0UT1NG"),
        "notifications.receivers[1].pagerduty_configs[0].service_key: unknown setting");
    assertError(FULL.replace("'{{ .Status }}", "'{{ .Alerts | len }}"),
        "notifications.receivers[0].slack_configs[0].title: '{{ .Alerts | len }}' is not supported");
    assertError(FULL.replace("- source_matchers: ['severity=\"critical\"']", "- source_matchers: ['x=~\"(\"']"),
        "notifications.inhibit_rules[0].source_matchers[0]: '(' is not a valid regex");
    assertError(FULL.replace("- name: pager", "- name: ops"),
        "notifications.receivers[1].name: 'ops' is used by an earlier receiver");
    assertError("receivers: [{name: a}]\n", "notifications.route: required");
  }

  private static void assertError(String yaml, String message) {
    assertThatThrownBy(() -> TestAlerts.config(yaml)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }
}
