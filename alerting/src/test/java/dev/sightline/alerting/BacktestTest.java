package dev.sightline.alerting;

import dev.sightline.storage.tests.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sightline.alerting.rules.RuleFileParser;
import dev.sightline.alerting.rules.RuleGroup;
import dev.sightline.pipeline.SelfMetrics;
import dev.sightline.query.promql.PromqlEngine;
import dev.sightline.storage.WriteBatch;
import dev.sightline.storage.duckdb.DuckDbStorage;
import dev.sightline.storage.duckdb.SampleStoreConfig;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A day of a queue's depth in the real store: a backtest lists the firings of a rule over it, and
 * live evaluation by the rule manager, stepping through the same day, notifies the same firings.
 */
class BacktestTest {
  private static final Instant DAY = Instant.parse("2026-11-30T00:00:00Z");
  private static final String RULES = """
      groups:
        - name: queues
          interval: 1m
          rules:
            - alert: QueueBacklog
              expr: queue_depth > 100
              for: 5m
              labels: {severity: warning}
              annotations: {summary: "{{ $labels.queue }} holds {{ $value }}"}
      """;
  @TempDir Path dir;

  /** Depth 10, except 150 in [02:00, 02:10), [13:00, 13:03) (shorter than 'for') and [20:00, 20:30). */
  private static double depth(int minute) {
    boolean high = minute >= 120 && minute < 130 || minute >= 780 && minute < 783 || minute >= 1200 && minute < 1230;
    return high ? 150 : 10;
  }

  private static ResourceMetrics day() {
    Gauge.Builder g = Gauge.newBuilder();
    for (int m = 0; m < 24 * 60; m++) {
      g.addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(DAY.plusSeconds(60L * m).toEpochMilli() * 1_000_000L)
          .setAsDouble(depth(m)).addAttributes(KeyValue.newBuilder().setKey("queue")
              .setValue(AnyValue.newBuilder().setStringValue("orders"))));
    }
    return ResourceMetrics.newBuilder().setResource(Resource.newBuilder().addAttributes(KeyValue.newBuilder()
            .setKey("service.name").setValue(AnyValue.newBuilder().setStringValue("shop"))))
        .addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(Metric.newBuilder().setName("queue_depth").setGauge(g)))
        .build();
  }

  @Test
  void aBacktestOverADayReturnsTheFiringsLiveEvaluationReproduces() throws Exception {
    try (DuckDbStorage store = DuckDbStorage.open(dir.resolve("store"), "256MB", SampleStoreConfig.DEFAULT)) {
      store.writer().write(WriteBatch.of(List.of(new WriteBatch.Entry(1, "t", new WriteBatch.Metrics(List.of(day()))))));
      ManualClock clock = new ManualClock(DAY);
      Conditions conditions = new Conditions(PromqlEngine.builder(store.samples().orElseThrow()).clock(clock).build(), "t",
          SignalConditions.UNAVAILABLE);
      List<RuleGroup> groups = new RuleFileParser(conditions, Duration.ofMinutes(1)).parse("queues.yml", RULES);

      Backtest.Result backtest = Backtest.run(groups, conditions, DAY, DAY.plus(Duration.ofDays(1)), 10_000);
      assertThat(backtest.errors()).isEmpty();
      assertThat(backtest.firings()).as("the 3-minute burst is shorter than 'for'").hasSize(2);
      Backtest.Firing first = backtest.firings().get(0);
      assertThat(first.labels()).containsEntry("alertname", "QueueBacklog").containsEntry("queue", "orders")
          .containsEntry("job", "shop");
      assertThat(first.activeAt()).isBetween(DAY.plusSeconds(120 * 60), DAY.plusSeconds(121 * 60));
      assertThat(Duration.between(first.activeAt(), first.firedAt())).isEqualTo(Duration.ofMinutes(5));
      assertThat(first.resolvedAt()).isBetween(DAY.plusSeconds(130 * 60), DAY.plusSeconds(131 * 60));

      List<NotifiableAlert> notified = new ArrayList<>();
      RuleManager live = new RuleManager(conditions, notified::addAll, (tenant, samples) -> { }, clock, dir.resolve("state.json"),
          "http://sightline/api/v1/alerts", new SelfMetrics());
      live.replace(groups);
      for (Instant t = DAY; !t.isAfter(DAY.plus(Duration.ofDays(1))); t = t.plusSeconds(20)) {
        clock.set(t);
        live.evaluateDue(t);
      }
      Map<Map<String, String>, Instant> open = new LinkedHashMap<>();
      List<Backtest.Firing> liveFirings = new ArrayList<>();
      for (NotifiableAlert a : notified) {
        if (a.resolved()) {
          liveFirings.add(new Backtest.Firing(a.labels(), first.activeAt(), open.remove(a.labels()), a.endsAt()));
        } else {
          open.putIfAbsent(a.labels(), a.startsAt());
        }
      }
      assertThat(liveFirings).extracting(Backtest.Firing::firedAt, Backtest.Firing::resolvedAt)
          .containsExactlyElementsOf(backtest.firings().stream().map(f -> org.assertj.core.groups.Tuple.tuple(
              f.firedAt(), f.resolvedAt())).toList());
      assertThat(notified.get(0).annotations()).containsEntry("summary", "orders holds 150");
    }
  }
}
