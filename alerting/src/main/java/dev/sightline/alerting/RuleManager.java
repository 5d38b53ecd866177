package dev.sightline.alerting;

import dev.sightline.alerting.rules.RuleGroup;
import dev.sightline.pipeline.Component;
import dev.sightline.pipeline.SelfMetrics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules in force: evaluates each group when its time comes (by the injected clock), hands
 * firing and resolved alerts to the {@link AlertSink}, saves alert state after each evaluation,
 * and on {@link #replace} moves the alerts of every rule that is still there (same group, name,
 * labels and query) to its new version, so a reload neither loses nor re-sends them.
 */
public final class RuleManager implements Component {
  private static final Logger log = LoggerFactory.getLogger(RuleManager.class);
  private final Conditions conditions;
  private final AlertSink sink;
  private final RecordedSamples recorded;
  private final Clock clock;
  private final AlertStateFile stateFile;
  private final String generatorUrl;
  private final LongAdder evaluations;
  private final LongAdder failures;
  private final Map<String, GroupRunner> groups = new LinkedHashMap<>();
  private final Map<String, Instant> nextDue = new HashMap<>();
  private Map<String, Map<String, List<ActiveAlert>>> restored;
  private Map<String, Map<String, List<ActiveAlert>>> saved = Map.of();
  private volatile boolean stopping;
  private @Nullable Thread scheduler;

  public RuleManager(Conditions conditions, AlertSink sink, RecordedSamples recorded, Clock clock, Path stateFile,
      String generatorUrl, SelfMetrics metrics) {
    this.conditions = conditions;
    this.sink = sink;
    this.recorded = recorded;
    this.clock = clock;
    this.stateFile = new AlertStateFile(stateFile);
    this.generatorUrl = generatorUrl;
    this.restored = new HashMap<>(this.stateFile.load());
    this.evaluations = metrics.counter("sightline_rule_group_evaluations_total", "Rule group evaluations.");
    this.failures = metrics.counter("sightline_rule_evaluation_failures_total", "Rule evaluations whose condition failed.");
    metrics.gauge("sightline_alerts", "Alerts pending or firing now.", () -> alerts().size());
  }

  /** Puts these groups in force in place of the current ones, keeping the alerts of rules that stay. */
  public synchronized void replace(List<RuleGroup> newGroups) {
    Map<String, Map<String, List<ActiveAlert>>> carried = new HashMap<>(restored);
    groups.forEach((key, runner) -> carried.put(key, state(runner)));
    groups.clear();
    Instant now = clock.instant();
    Map<String, Instant> due = new HashMap<>();
    for (RuleGroup g : newGroups) {
      GroupRunner runner = new GroupRunner(g, conditions);
      Map<String, List<ActiveAlert>> previous = carried.getOrDefault(runner.key(), Map.of());
      for (RuleRunner r : runner.rules()) {
        if (r.alerts() != null) {
          r.alerts().restore(previous.getOrDefault(r.identity(), List.of()));
        }
      }
      groups.put(runner.key(), runner);
      Instant keep = nextDue.get(runner.key());
      due.put(runner.key(), keep != null ? keep : runner.nextAtOrAfter(now));
    }
    nextDue.clear();
    nextDue.putAll(due);
    restored = new HashMap<>();
    log.info("{} rule groups in force", groups.size());
  }

  /** Evaluates every group whose time has come, once, at its latest due time not after {@code now}. */
  public synchronized void evaluateDue(Instant now) {
    boolean changed = false;
    for (GroupRunner g : groups.values()) {
      Instant due = nextDue.get(g.key());
      if (due == null || now.isBefore(due)) {
        continue;
      }
      Instant at = g.nextAtOrAfter(now);
      if (at.isAfter(now)) {
        at = at.minus(g.group().interval());
      }
      List<NotifiableAlert> notify = g.evaluate(at, recorded, generatorUrl);
      evaluations.increment();
      g.rules().stream().filter(r -> r.health().health().equals("err")).forEach(r -> failures.increment());
      nextDue.put(g.key(), at.plus(g.group().interval()));
      if (!notify.isEmpty()) {
        sink.send(notify);
      }
      changed = true;
    }
    if (changed) {
      Map<String, Map<String, List<ActiveAlert>>> current = state();
      if (!current.equals(saved)) { // most evaluations change nothing: no write then
        stateFile.save(current);
        saved = current;
      }
    }
  }

  /**
   * Evaluates every group at exactly {@code at}, whatever its schedule: unit tests of rules
   * evaluate at multiples of one interval from time zero, as promtool does.
   */
  public synchronized void evaluateAt(Instant at) {
    for (GroupRunner g : groups.values()) {
      List<NotifiableAlert> notify = g.evaluate(at, recorded, generatorUrl);
      if (!notify.isEmpty()) {
        sink.send(notify);
      }
    }
  }

  public synchronized List<GroupRunner> groups() {
    return List.copyOf(groups.values());
  }

  /** The groups over {@code tenant}'s data. */
  public synchronized List<GroupRunner> groups(String tenant) {
    return groups.values().stream().filter(g -> g.tenant().equals(tenant)).toList();
  }

  /** Pending and firing alerts of {@code tenant}'s rules. */
  public synchronized List<ActiveAlert> alerts(String tenant) {
    return active(groups(tenant));
  }

  /** Pending and firing alerts of every rule. */
  public synchronized List<ActiveAlert> alerts() {
    return active(groups.values());
  }

  private static List<ActiveAlert> active(java.util.Collection<GroupRunner> of) {
    List<ActiveAlert> out = new ArrayList<>();
    for (GroupRunner g : of) {
      for (RuleRunner r : g.rules()) {
        if (r.alerts() != null) {
          r.alerts().alerts().stream().filter(a -> a.state() != AlertState.RESOLVED).forEach(out::add);
        }
      }
    }
    return out;
  }

  private Map<String, Map<String, List<ActiveAlert>>> state() {
    Map<String, Map<String, List<ActiveAlert>>> out = new LinkedHashMap<>();
    groups.forEach((key, runner) -> out.put(key, state(runner)));
    return out;
  }

  private static Map<String, List<ActiveAlert>> state(GroupRunner runner) {
    Map<String, List<ActiveAlert>> byRule = new LinkedHashMap<>();
    for (RuleRunner r : runner.rules()) {
      if (r.alerts() != null) {
        byRule.put(r.identity(), r.alerts().alerts());
      }
    }
    return byRule;
  }

  public Conditions conditions() {
    return conditions;
  }

  @Override
  public void start() {
    scheduler = Thread.ofPlatform().name("sightline-rules").daemon().start(() -> {
      while (!stopping) {
        try {
          evaluateDue(clock.instant());
        } catch (RuntimeException e) {
          log.error("rule evaluation failed", e);
        }
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
  }

  @Override
  public void shutdown(Duration timeout) {
    stopping = true;
    if (scheduler != null) {
      scheduler.interrupt();
      try {
        scheduler.join(timeout.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
