package dev.sightline.alerting;

import java.time.Instant;
import java.util.List;

/**
 * What an alerting rule asks at each evaluation: the series for which its condition holds at
 * {@code at}, each with its labels and value. A PromQL rule answers with its instant vector; log,
 * trace and anomaly rules with the series they found over their window. An empty list means the
 * condition holds nowhere.
 */
public interface AlertCondition {

  /**
   * @throws AlertConditionException when the condition cannot be evaluated now (the rule's health
   *     becomes "err" with this message; its alerts keep their state)
   */
  List<ConditionSample> evaluate(Instant at);
}
