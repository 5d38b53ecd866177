package dev.sightline.alerting.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sightline.query.promql.PromqlParser;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rule files in the Prometheus format and Sightline's rule kinds; each error names file, line and reason. */
class RuleFileParserTest {
  private final RuleFileParser parser = new RuleFileParser(spec -> {
    if (spec instanceof ConditionSpec.Promql p) {
      PromqlParser.parse(p.expr());
    }
  }, Duration.ofMinutes(1));

  @Test
  void readsAlertingRecordingAndSignalRules() throws Exception {
    List<RuleGroup> groups = parser.parse("shop.yml", """
        groups:
          - name: shop
            interval: 30s
            rules:
              - record: job:http_requests:rate5m
                expr: sum by (job) (rate(http_requests_total[5m]))
              - alert: HighErrorRate
                expr: job:http_errors:ratio > 0.05
                for: 5m
                keep_firing_for: 1m
                labels: {severity: critical, team: shop}
                annotations:
                  summary: "{{ $labels.job }} fails {{ $value | humanizePercentage }} of requests"
              - alert: PaymentTimeouts
                logs: {service: payments, min_severity: error, body_contains: timeout, window: 5m}
                condition: "> 10"
          - name: other
            rules: []
        """);
    assertThat(groups).hasSize(2);
    RuleGroup shop = groups.get(0);
    assertThat(shop.interval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(groups.get(1).interval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(shop.rules().get(0)).isInstanceOf(Rule.Recording.class);
    Rule.Alerting high = (Rule.Alerting) shop.rules().get(1);
    assertThat(high.forDuration()).isEqualTo(Duration.ofMinutes(5));
    assertThat(high.keepFiringFor()).isEqualTo(Duration.ofMinutes(1));
    assertThat(high.line()).isEqualTo(7);
    assertThat(high.annotations().get("summary").render(Map.of("job", "api"), 0.0712)).isEqualTo("api fails 7.12% of requests");
    Rule.Alerting logs = (Rule.Alerting) shop.rules().get(2);
    assertThat(logs.condition()).isInstanceOf(ConditionSpec.Logs.class);
    assertThat(((ConditionSpec.Logs) logs.condition()).threshold().holds(11)).isTrue();
    assertThat(((ConditionSpec.Logs) logs.condition()).params()).containsEntry("service", "payments");
  }

  @Test
  void errorsNameFileLineAndReason() {
    assertError("""
        groups:
          - name: g
            rules:
              - alert: A
                expr: rate(x[5m]) > 1
              - alert: B
                expr: no_such_function(x) > 1
        """, "f.yml:7: groups[0].rules[1].expr: ", "unknown function with name \"no_such_function\"");
    assertError("""
        groups:
          - name: g
            rules:
              - alert: A
                expr: sum(x
        """, "f.yml:5: groups[0].rules[0].expr: ");
    assertError("groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: x > 1\n        for: five minutes\n",
        "f.yml:6: groups[0].rules[0].for: 'five minutes' is not a duration");
    assertError("groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: x\n        labels: {severity: urgent}\n",
        "f.yml:6: groups[0].rules[0].labels.severity: 'urgent' is not a severity");
    assertError("groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: x\n        annotations: {s: \"{{ range $x }}\"}\n",
        "f.yml:6: groups[0].rules[0].annotations.s: template action '{{ range $x }}' is not supported");
    assertError("groups:\n  - name: g\n    rules:\n      - alert: A\n        exp: x\n", "f.yml:5: groups[0].rules[0]: unknown field 'exp'");
    assertError("groups:\n  - name: g\n    rules:\n      - alert: A\n        logs: {service: x}\n",
        "f.yml:4: groups[0].rules[0]: 'logs' rules need 'condition'");
    assertError("groups:\n  - name: g\n  - name: g\n", "f.yml:3: groups[1]: group name 'g' is used twice");
    assertError("groups: [\n", "f.yml:2: not valid YAML");
  }

  private void assertError(String text, String... parts) {
    assertThatThrownBy(() -> parser.parse("f.yml", text)).isInstanceOf(RuleFileException.class)
        .satisfies(e -> assertThat(e.getMessage()).contains(parts));
  }
}
