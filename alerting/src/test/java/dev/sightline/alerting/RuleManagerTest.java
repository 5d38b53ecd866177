package dev.sightline.alerting;

import dev.sightline.storage.tests.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sightline.alerting.rules.ConditionSpec;
import dev.sightline.alerting.rules.Rule;
import dev.sightline.alerting.rules.RuleGroup;
import dev.sightline.pipeline.SelfMetrics;
import dev.sightline.query.promql.PromqlEngine;
import dev.sightline.storage.duckdb.DuckDbStorage;
import dev.sightline.storage.duckdb.SampleStoreConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reloads keep the alerts of rules that stay, and a changed query starts afresh. */
class RuleManagerTest {
  private static final Instant T = Instant.parse("2026-12-01T00:00:00Z");
  @TempDir Path dir;

  private static RuleGroup group(String expr, String... more) {
    List<Rule> rules = new ArrayList<>();
    rules.add(new Rule.Alerting("Always", new ConditionSpec.Promql(expr), Duration.ofMinutes(10), Duration.ZERO,
        Map.of(), Map.of(), 1));
    for (String name : more) {
      rules.add(new Rule.Alerting(name, new ConditionSpec.Promql("vector(2)"), Duration.ZERO, Duration.ZERO, Map.of(), Map.of(), 2));
    }
    return new RuleGroup("g", "f.yml", Duration.ofMinutes(1), rules);
  }

  @Test
  void aReloadKeepsTheStateOfRulesThatStay() throws Exception {
    try (DuckDbStorage store = DuckDbStorage.open(dir.resolve("store"), "256MB", SampleStoreConfig.DEFAULT)) {
      ManualClock clock = new ManualClock(T);
      Conditions conditions = new Conditions(PromqlEngine.builder(store.samples().orElseThrow()).clock(clock).build(), "t",
          SignalConditions.UNAVAILABLE);
      RuleManager manager = new RuleManager(conditions, alerts -> { }, (tenant, samples) -> { }, clock, dir.resolve("state.json"),
          "", new SelfMetrics());
      manager.replace(List.of(group("vector(1)")));
      manager.evaluateDue(T.plus(Duration.ofMinutes(1)));
      Instant activeAt = manager.alerts().get(0).activeAt();

      manager.replace(List.of(group("vector(1)", "Another")));
      manager.evaluateDue(T.plus(Duration.ofMinutes(2)));
      assertThat(manager.alerts()).hasSize(2);
      assertThat(manager.alerts()).filteredOn(a -> a.labels().get("alertname").equals("Always"))
          .singleElement().extracting(ActiveAlert::activeAt).isEqualTo(activeAt);

      manager.replace(List.of(group("vector(1) * 1")));
      manager.evaluateDue(T.plus(Duration.ofMinutes(3)));
      assertThat(manager.alerts()).singleElement().extracting(ActiveAlert::activeAt).as("a new query starts afresh")
          .isNotEqualTo(activeAt);
    }
  }
}
