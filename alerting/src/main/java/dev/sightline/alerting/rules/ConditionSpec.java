package dev.sightline.alerting.rules;

import dev.sightline.alerting.signals.Threshold;
import java.util.Map;

/**
 * What a rule evaluates, as written: a PromQL expression, or the parameters of a log, span or
 * anomaly condition (read and checked by the condition's own factory).
 */
public sealed interface ConditionSpec {

  /** The text shown as the rule's {@code query} in the API. */
  String query();

  record Promql(String expr) implements ConditionSpec {
    @Override
    public String query() {
      return expr;
    }
  }

  /** {@code logs: {...}} with {@code condition: "> 10"}. */
  record Logs(Map<String, Object> params, Threshold threshold) implements ConditionSpec {
    @Override
    public String query() {
      return "logs" + params + " " + threshold;
    }
  }

  /** {@code spans: {...}} with {@code condition: "> 0.5"}. */
  record Spans(Map<String, Object> params, Threshold threshold) implements ConditionSpec {
    @Override
    public String query() {
      return "spans" + params + " " + threshold;
    }
  }

  /** {@code anomaly: {expr: ..., seasonality: ..., sensitivity: ...}}. */
  record Anomaly(Map<String, Object> params) implements ConditionSpec {
    @Override
    public String query() {
      return "anomaly" + params;
    }
  }
}
