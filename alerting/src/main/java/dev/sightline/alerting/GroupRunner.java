package dev.sightline.alerting;

import dev.sightline.alerting.rules.Rule;
import dev.sightline.alerting.rules.RuleGroup;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A group's rules, evaluated in order at the same instant every interval. Evaluation times are
 * aligned to the interval plus a fixed offset per group, as Prometheus spreads its groups, so the
 * times a backtest uses are the times live evaluation uses.
 */
public final class GroupRunner {
  private final RuleGroup group;
  private final String tenant;
  private final boolean operatorTenant;
  private final List<RuleRunner> rules;
  private final long offsetMs;
  private volatile @Nullable Instant lastEvaluation;
  private volatile Duration evaluationTime = Duration.ZERO;

  GroupRunner(RuleGroup group, Conditions conditions) {
    this.group = group;
    this.tenant = group.tenant() == null ? conditions.tenant() : group.tenant();
    this.operatorTenant = tenant.equals(conditions.tenant());
    List<RuleRunner> runners = new ArrayList<>();
    for (Rule r : group.rules()) {
      runners.add(new RuleRunner(r, conditions.build(r.condition(), tenant)));
    }
    this.rules = List.copyOf(runners);
    this.offsetMs = Math.floorMod((group.file() + "\u0000" + group.name()).hashCode(), group.interval().toMillis());
  }

  /** The first evaluation time at or after {@code t}. */
  Instant nextAtOrAfter(Instant t) {
    long interval = group.interval().toMillis();
    long ms = t.toEpochMilli();
    long base = Math.floorDiv(ms - offsetMs, interval) * interval + offsetMs;
    return Instant.ofEpochMilli(base < ms ? base + interval : base);
  }

  List<NotifiableAlert> evaluate(Instant at, RecordedSamples recorded, String generatorUrl) {
    long start = System.nanoTime();
    List<NotifiableAlert> notify = new ArrayList<>();
    for (RuleRunner r : rules) {
      for (ActiveAlert a : r.evaluate(at, recorded, tenant)) {
        NotifiableAlert n = a.toNotifiable(generatorUrl);
        // Routes and silences tell tenants apart by this label; the operator's alerts stay as written.
        notify.add(operatorTenant ? n : n.withLabel("tenant", tenant));
      }
    }
    lastEvaluation = at;
    evaluationTime = Duration.ofNanos(System.nanoTime() - start);
    return notify;
  }

  /** The tenant whose data the group's rules read and whose alerts they are. */
  public String tenant() {
    return tenant;
  }

  public RuleGroup group() {
    return group;
  }

  public List<RuleRunner> rules() {
    return rules;
  }

  public @Nullable Instant lastEvaluation() {
    return lastEvaluation;
  }

  public Duration evaluationTime() {
    return evaluationTime;
  }

  String key() {
    return group.file() + "::" + group.name();
  }
}
