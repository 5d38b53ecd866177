package dev.sightline.alerting;

import dev.sightline.alerting.rules.ConditionSpec;

/**
 * Builds the conditions of the rule kinds other than PromQL (logs, spans, anomaly) from their
 * parameters; an {@link IllegalArgumentException} names the parameter that is wrong.
 */
public interface SignalConditions {

  AlertCondition logs(ConditionSpec.Logs spec, String tenant);

  AlertCondition spans(ConditionSpec.Spans spec, String tenant);

  AlertCondition anomaly(ConditionSpec.Anomaly spec, String tenant);

  /** For a store that cannot answer them: every such rule is refused when loaded, saying why. */
  SignalConditions UNAVAILABLE = new SignalConditions() {
    @Override
    public AlertCondition logs(ConditionSpec.Logs spec, String tenant) {
      throw new IllegalArgumentException("log rules are not available with this store");
    }

    @Override
    public AlertCondition spans(ConditionSpec.Spans spec, String tenant) {
      throw new IllegalArgumentException("span rules are not available with this store");
    }

    @Override
    public AlertCondition anomaly(ConditionSpec.Anomaly spec, String tenant) {
      throw new IllegalArgumentException("anomaly rules are not available with this store");
    }
  };
}
