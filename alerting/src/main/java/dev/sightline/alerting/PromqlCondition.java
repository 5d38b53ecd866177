package dev.sightline.alerting;

import dev.sightline.query.promql.PromqlEngine;
import dev.sightline.query.promql.PromqlException;
import dev.sightline.query.promql.QueryResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A PromQL expression as an alert condition: each series of its instant vector at the evaluation
 * time holds, with its value, as in Prometheus (a scalar result holds once, without labels).
 */
public final class PromqlCondition implements AlertCondition {
  private final PromqlEngine engine;
  private final String tenant;
  private final String expr;

  public PromqlCondition(PromqlEngine engine, String tenant, String expr) {
    this.engine = engine;
    this.tenant = tenant;
    this.expr = expr;
  }

  @Override
  public List<ConditionSample> evaluate(Instant at) {
    QueryResult result;
    try {
      result = engine.instantQuery(tenant, expr, at.toEpochMilli());
    } catch (PromqlException e) {
      throw new AlertConditionException(e.getMessage(), e);
    }
    return switch (result) {
      case QueryResult.VectorResult v -> v.samples().stream()
          .map(s -> new ConditionSample(s.labels(), s.value())).toList();
      case QueryResult.ScalarResult s -> List.of(new ConditionSample(Map.of(), s.value()));
      default -> throw new AlertConditionException("the expression returns a " + result.getClass().getSimpleName()
          .replace("Result", "").toLowerCase(java.util.Locale.ROOT) + ", not an instant vector");
    };
  }
}
