package dev.sightline.alerting;

import dev.sightline.alerting.rules.Rule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** One rule with its built condition, its alerts (for alerting rules) and its health. */
public final class RuleRunner {
  private final Rule rule;
  private final AlertCondition condition;
  private final @Nullable AlertingRuleState state;
  private volatile RuleHealth health = RuleHealth.UNKNOWN;

  RuleRunner(Rule rule, AlertCondition condition) {
    this.rule = rule;
    this.condition = condition;
    this.state = rule instanceof Rule.Alerting a ? new AlertingRuleState(a) : null;
  }

  /**
   * Evaluates at {@code at}: an alerting rule returns what to notify; a recording rule writes its
   * samples and returns nothing. A condition that fails leaves the alerts as they were.
   */
  List<ActiveAlert> evaluate(Instant at, RecordedSamples recorded, String tenant) {
    long start = System.nanoTime();
    try {
      List<ConditionSample> samples = condition.evaluate(at);
      List<ActiveAlert> out = List.of();
      if (state != null) {
        out = state.apply(samples, at);
      } else {
        recorded.write(tenant, recordings(samples, at));
      }
      health = RuleHealth.ok(at, Duration.ofNanos(System.nanoTime() - start));
      return out;
    } catch (AlertConditionException e) {
      health = RuleHealth.error(at, Duration.ofNanos(System.nanoTime() - start), e.getMessage());
      return state == null ? List.of() : firing();
    }
  }

  private List<ActiveAlert> firing() {
    return state.alerts().stream().filter(a -> a.state() == AlertState.FIRING).toList();
  }

  private List<RecordedSamples.Sample> recordings(List<ConditionSample> samples, Instant at) {
    List<RecordedSamples.Sample> out = new ArrayList<>();
    for (ConditionSample s : samples) {
      Map<String, String> labels = new TreeMap<>(s.labels());
      labels.putAll(rule.labels());
      labels.put("__name__", rule.name());
      out.add(new RecordedSamples.Sample(labels, at.toEpochMilli(), s.value()));
    }
    return out;
  }

  /** Identifies the rule across reloads: state moves to a new rule with the same name, labels and query. */
  String identity() {
    return rule.name() + "\u0000" + new TreeMap<>(rule.labels()) + "\u0000" + rule.condition().query();
  }

  public Rule rule() {
    return rule;
  }

  public RuleHealth health() {
    return health;
  }

  /** The alerting rule's state, or null for a recording rule. */
  public @Nullable AlertingRuleState alerts() {
    return state;
  }
}
