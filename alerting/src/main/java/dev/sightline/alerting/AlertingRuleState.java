package dev.sightline.alerting;

import dev.sightline.alerting.rules.Rule;
import dev.sightline.alerting.rules.Template;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The alerts of one alerting rule and the state machine that moves them at each evaluation, as
 * Prometheus does: a series for which the condition holds becomes pending, and firing once it has
 * held for {@code for}; when it stops holding a pending alert is dropped and a firing one resolves
 * (after {@code keep_firing_for}, when set). Not thread-safe: one group evaluates it at a time.
 */
public final class AlertingRuleState {
  static final String DEFAULT_SEVERITY = "warning";
  private final Rule.Alerting rule;
  private final Map<Map<String, String>, ActiveAlert> alerts = new LinkedHashMap<>();

  public AlertingRuleState(Rule.Alerting rule) {
    this.rule = rule;
  }

  public Rule.Alerting rule() {
    return rule;
  }

  /**
   * Applies one evaluation's result and returns what to notify: every firing alert and each that
   * resolved now. Resolved alerts are forgotten after being returned once.
   */
  public List<ActiveAlert> apply(List<ConditionSample> samples, Instant now) {
    alerts.values().removeIf(a -> a.state() == AlertState.RESOLVED);
    Map<Map<String, String>, ConditionSample> holding = new HashMap<>();
    for (ConditionSample s : samples) {
      holding.put(labels(s), s);
    }
    List<ActiveAlert> notify = new ArrayList<>();
    for (Map.Entry<Map<String, String>, ConditionSample> e : holding.entrySet()) {
      ActiveAlert current = alerts.get(e.getKey());
      Map<String, String> annotations = annotations(e.getKey(), e.getValue());
      ActiveAlert next = current == null
          ? new ActiveAlert(e.getKey(), annotations, AlertState.PENDING, now, null, null, null, e.getValue().value())
          : current.seen(annotations, e.getValue().value());
      if (next.state() == AlertState.PENDING && !now.isBefore(next.activeAt().plus(rule.forDuration()))) {
        next = next.with(AlertState.FIRING, now, null, null);
      }
      alerts.put(e.getKey(), next);
    }
    for (Map.Entry<Map<String, String>, ActiveAlert> e : new ArrayList<>(alerts.entrySet())) {
      if (holding.containsKey(e.getKey())) {
        continue;
      }
      ActiveAlert a = e.getValue();
      if (a.state() == AlertState.PENDING) {
        alerts.remove(e.getKey());
      } else if (a.state() == AlertState.FIRING) {
        Instant since = a.keepFiringSince() == null ? now : a.keepFiringSince();
        boolean keep = !rule.keepFiringFor().isZero() && now.isBefore(since.plus(rule.keepFiringFor()));
        alerts.put(e.getKey(), keep ? a.with(AlertState.FIRING, a.firedAt(), null, since)
            : a.with(AlertState.RESOLVED, a.firedAt(), now, null));
      }
    }
    for (ActiveAlert a : alerts.values()) {
      if (a.state() != AlertState.PENDING) {
        notify.add(a);
      }
    }
    return notify;
  }

  /** The alerts held now: pending and firing (and resolved ones until the next evaluation). */
  public List<ActiveAlert> alerts() {
    return List.copyOf(alerts.values());
  }

  /** The rule's state for the API: firing if any alert fires, else pending if any is, else inactive. */
  public String state() {
    boolean pending = false;
    for (ActiveAlert a : alerts.values()) {
      if (a.state() == AlertState.FIRING) {
        return "firing";
      }
      pending |= a.state() == AlertState.PENDING;
    }
    return pending ? "pending" : "inactive";
  }

  /** Restores alerts saved before a restart or held by the rule this one replaces. */
  void restore(List<ActiveAlert> saved) {
    for (ActiveAlert a : saved) {
      if (a.state() != AlertState.RESOLVED) {
        alerts.put(a.labels(), a);
      }
    }
  }

  private Map<String, String> labels(ConditionSample s) {
    Map<String, String> labels = new TreeMap<>(s.labels());
    labels.remove("__name__");
    labels.putAll(rule.labels());
    labels.putIfAbsent("severity", DEFAULT_SEVERITY);
    labels.put("alertname", rule.name());
    return labels;
  }

  private Map<String, String> annotations(Map<String, String> labels, ConditionSample s) {
    Map<String, String> out = new TreeMap<>(s.details());
    for (Map.Entry<String, Template> t : rule.annotations().entrySet()) {
      out.put(t.getKey(), t.getValue().render(labels, s.value()));
    }
    return out;
  }
}
