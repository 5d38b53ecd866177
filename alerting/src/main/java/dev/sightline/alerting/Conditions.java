package dev.sightline.alerting;

import dev.sightline.alerting.rules.ConditionSpec;
import dev.sightline.alerting.rules.RuleFileParser;
import dev.sightline.query.promql.PromqlEngine;
import dev.sightline.query.promql.PromqlParser;

/** Turns a rule's condition, as written, into the condition evaluated; also the check rule files are parsed with. */
public final class Conditions implements RuleFileParser.ConditionCheck {
  private final PromqlEngine engine;
  private final String tenant;
  private final SignalConditions signals;

  public Conditions(PromqlEngine engine, String tenant, SignalConditions signals) {
    this.engine = engine;
    this.tenant = tenant;
    this.signals = signals;
  }

  public AlertCondition build(ConditionSpec spec) {
    return build(spec, tenant);
  }

  /** The condition over {@code tenant}'s data. */
  public AlertCondition build(ConditionSpec spec, String tenant) {
    return switch (spec) {
      case ConditionSpec.Promql p -> {
        PromqlParser.parse(p.expr());
        yield new PromqlCondition(engine, tenant, p.expr());
      }
      case ConditionSpec.Logs l -> signals.logs(l, tenant);
      case ConditionSpec.Spans s -> signals.spans(s, tenant);
      case ConditionSpec.Anomaly a -> signals.anomaly(a, tenant);
    };
  }

  @Override
  public void check(ConditionSpec spec) {
    build(spec);
  }

  public PromqlEngine engine() {
    return engine;
  }

  /** The operator tenant: that of groups that name none. */
  public String tenant() {
    return tenant;
  }
}
