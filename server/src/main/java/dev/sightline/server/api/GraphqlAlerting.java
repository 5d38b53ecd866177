package dev.sightline.server.api;

import static dev.sightline.server.api.GraphqlValues.labels;
import static dev.sightline.server.api.GraphqlValues.texts;

import dev.sightline.alerting.ActiveAlert;
import dev.sightline.alerting.AlertingRuleState;
import dev.sightline.alerting.GroupRunner;
import dev.sightline.alerting.RuleHealth;
import dev.sightline.alerting.RuleRunner;
import dev.sightline.alerting.rules.Rule;
import dev.sightline.alerting.rules.Template;
import dev.sightline.server.api.GraphqlValues.Label;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Alerts, rules and rule groups as the GraphQL schema shows them, with what {@code /api/v1/rules}
 * and {@code /api/v1/alerts} show; label values are masked for the caller (they come from series),
 * annotations as free text.
 */
final class GraphqlAlerting {
  private GraphqlAlerting() {}

  record Alert(String name, List<Label> labels, List<Label> annotations, String state, String activeAt,
      @Nullable String firedAt, String value) {}

  record Group(String name, String file, double intervalSeconds, @Nullable String lastEvaluation,
      double evaluationTimeSeconds, List<RuleView> rules) {}

  record RuleView(String name, String type, String query, List<Label> labels, String health, String lastError,
      @Nullable String lastEvaluation, double evaluationTimeSeconds, @Nullable String state, @Nullable Double forSeconds,
      List<Label> annotations, List<Alert> alerts) {}

  static Alert alert(ActiveAlert a, Masking masking) {
    return new Alert(masking.labelValue("alertname", a.labels().getOrDefault("alertname", "")), labels(a.labels(), masking),
        texts(a.annotations(), masking), a.state().apiName(), a.activeAt().toString(), time(a.firedAt()),
        Double.toString(a.value()));
  }

  /** A group with its rules; {@code type} ALERTING or RECORDING keeps only those rules, null keeps all. */
  static Group group(GroupRunner g, @Nullable String type, Masking masking) {
    List<RuleView> rules = g.rules().stream()
        .filter(r -> type == null || type.equals(r.rule() instanceof Rule.Alerting ? "ALERTING" : "RECORDING"))
        .map(r -> rule(r, masking)).toList();
    return new Group(g.group().name(), g.group().file(), g.group().interval().toMillis() / 1000.0, time(g.lastEvaluation()),
        g.evaluationTime().toNanos() / 1e9, rules);
  }

  private static RuleView rule(RuleRunner r, Masking masking) {
    RuleHealth h = r.health();
    String state = null;
    Double forSeconds = null;
    List<Label> annotations = List.of();
    List<Alert> alerts = List.of();
    if (r.rule() instanceof Rule.Alerting a) {
      AlertingRuleState s = r.alerts();
      state = s == null ? "inactive" : s.state();
      forSeconds = a.forDuration().toMillis() / 1000.0;
      Map<String, String> templates = new TreeMap<>();
      for (Map.Entry<String, Template> t : a.annotations().entrySet()) {
        templates.put(t.getKey(), t.getValue().source());
      }
      annotations = texts(templates, masking);
      alerts = s == null ? List.of() : s.alerts().stream().map(alert -> alert(alert, masking)).toList();
    }
    return new RuleView(r.rule().name(), r.rule() instanceof Rule.Alerting ? "ALERTING" : "RECORDING",
        r.rule().condition().query(), labels(r.rule().labels(), masking), h.health(), h.lastError(), time(h.lastEvaluation()),
        h.evaluationTime().toNanos() / 1e9, state, forSeconds, annotations, alerts);
  }

  private static @Nullable String time(@Nullable Instant t) {
    return t == null ? null : t.toString();
  }
}
