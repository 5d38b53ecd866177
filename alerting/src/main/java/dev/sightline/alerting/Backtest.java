package dev.sightline.alerting;

import dev.sightline.alerting.rules.RuleGroup;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Runs rules over stored history without notifying anyone: each group is evaluated at the times
 * live evaluation would use (its interval, aligned the same way) from {@code start} to
 * {@code end}, with the same state machine, and every firing is listed with when it became
 * active, fired and resolved. Recording rules are evaluated but their results are not stored.
 */
public final class Backtest {
  /** One firing of an alert: resolved null when it still fired at the end of the range. */
  public record Firing(Map<String, String> labels, Instant activeAt, Instant firedAt, @Nullable Instant resolvedAt) {}

  public record Result(List<Firing> firings, long evaluations, List<String> errors) {}

  private Backtest() {}

  /**
   * @throws IllegalArgumentException when the range is empty or needs more than {@code maxEvaluations}
   */
  public static Result run(List<RuleGroup> groups, Conditions conditions, Instant start, Instant end, long maxEvaluations) {
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("end must be after start");
    }
    List<Firing> firings = new ArrayList<>();
    Set<String> errors = new LinkedHashSet<>();
    long evaluations = 0;
    for (RuleGroup group : groups) {
      GroupRunner runner = new GroupRunner(group, conditions);
      long steps = (end.toEpochMilli() - start.toEpochMilli()) / group.interval().toMillis() + 1;
      if (evaluations + steps > maxEvaluations) {
        throw new IllegalArgumentException("the range needs " + (evaluations + steps) + " evaluations; at most "
            + maxEvaluations + " are allowed: shorten it or lengthen the group's interval");
      }
      Map<Map<String, String>, NotifiableAlert> open = new LinkedHashMap<>();
      for (Instant t = runner.nextAtOrAfter(start); !t.isAfter(end); t = t.plus(group.interval())) {
        List<NotifiableAlert> notified = runner.evaluate(t, (tenant, samples) -> { }, "");
        evaluations++;
        for (NotifiableAlert a : notified) {
          if (a.resolved()) {
            NotifiableAlert opened = open.remove(a.labels());
            if (opened != null) {
              firings.add(new Firing(a.labels(), activeAt(runner, a), opened.startsAt(), a.endsAt()));
            }
          } else {
            open.putIfAbsent(a.labels(), a);
          }
        }
        for (RuleRunner r : runner.rules()) {
          if (r.health().health().equals("err")) {
            errors.add(group.name() + "/" + r.rule().name() + ": " + r.health().lastError());
          }
        }
      }
      for (NotifiableAlert a : open.values()) {
        firings.add(new Firing(a.labels(), activeAt(runner, a), a.startsAt(), null));
      }
    }
    firings.sort(java.util.Comparator.comparing(Firing::firedAt));
    return new Result(firings, evaluations, List.copyOf(errors));
  }

  private static Instant activeAt(GroupRunner runner, NotifiableAlert a) {
    for (RuleRunner r : runner.rules()) {
      if (r.alerts() != null) {
        for (ActiveAlert active : r.alerts().alerts()) {
          if (active.labels().equals(a.labels())) {
            return active.activeAt();
          }
        }
      }
    }
    return a.startsAt();
  }
}
