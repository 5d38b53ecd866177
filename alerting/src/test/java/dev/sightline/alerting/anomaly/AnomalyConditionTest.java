package dev.sightline.alerting.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.sightline.alerting.AlertConditionException;
import dev.sightline.alerting.ConditionSample;
import dev.sightline.pipeline.LossAccounting;
import dev.sightline.pipeline.SelfMetrics;
import dev.sightline.pipeline.processor.PipelineSpec;
import dev.sightline.pipeline.processor.Pipelines;
import dev.sightline.pipeline.processor.ProcessorContext;
import dev.sightline.query.promql.PromqlEngine;
import dev.sightline.storage.WriteBatch;
import dev.sightline.storage.duckdb.DuckDbStorage;
import dev.sightline.storage.duckdb.SampleStoreConfig;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance test: spans pass the real span metrics processor into the embedded
 * store; four days of a daily latency wave are not flagged by the default p99 latency rule at any
 * time, a five-fold latency spike of ten minutes in one service is.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnomalyConditionTest {
  private static final String TENANT = "acme";
  /** 2026-01-05T00:00:00Z. */
  private static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
  private static final Instant SPIKE = START.plus(Duration.ofDays(3)).plus(Duration.ofHours(14));
  private static final Instant END = START.plus(Duration.ofDays(4));
  private static final int SPANS_PER_MINUTE = 12;

  @TempDir static Path directory;
  private DuckDbStorage storage;
  private PromqlEngine engine;

  @BeforeAll
  void writeFourDaysOfSpans() {
    storage = DuckDbStorage.open(directory, "512MB",
        SampleStoreConfig.DEFAULT.withCompactionInterval(Duration.ZERO).withRollupInterval(Duration.ZERO));
    engine = PromqlEngine.builder(storage.samples().orElseThrow()).build();
    Clock clock = Clock.fixed(START, ZoneOffset.UTC);
    SelfMetrics metrics = new SelfMetrics();
    Pipelines pipelines = new Pipelines(PipelineSpec.build(Map.of("spanmetrics", Map.of()),
        Map.of("traces", List.of("spanmetrics")), new ProcessorContext(directory, clock, metrics,
            new LossAccounting(metrics))), new LossAccounting(metrics), metrics);
    pipelines.start();
    pipelines.recover(storage.writer().checkpoint());
    Random random = new Random(1);
    List<WriteBatch.Entry> hour = new ArrayList<>();
    long sequence = 0;
    for (Instant minute = START; minute.isBefore(END); minute = minute.plus(Duration.ofMinutes(1))) {
      List<ResourceSpans> spans = List.of(spans("checkout", minute, random, !minute.isBefore(SPIKE)
          && minute.isBefore(SPIKE.plus(Duration.ofMinutes(10))) ? 5 : 1), spans("cart", minute, random, 1));
      WriteBatch.Entry entry = new WriteBatch.Entry(++sequence, TENANT, new WriteBatch.Traces(spans));
      // Only the span metrics are stored: the rules read those, and the test stays quick.
      pipelines.apply(List.of(entry), sequence).batch().entries().stream()
          .filter(e -> e.data() instanceof WriteBatch.Metrics).forEach(hour::add);
      if (sequence % 60 == 0) {
        storage.writer().write(new WriteBatch(hour, sequence));
        hour.clear();
      }
    }
    if (!hour.isEmpty()) {
      storage.writer().write(new WriteBatch(hour, sequence));
    }
  }

  @AfterAll
  void close() {
    storage.close();
  }

  /** A minute of server spans of one service: a daily latency wave of 70–130 ms, ±10 % noise. */
  private static ResourceSpans spans(String service, Instant minute, Random random, double factor) {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    double phase = 2 * Math.PI * Duration.between(START, minute).toMinutes() / (24 * 60.0);
    for (int i = 0; i < SPANS_PER_MINUTE; i++) {
      double ms = factor * (100 + 30 * Math.sin(phase)) * (1 + 0.2 * (random.nextDouble() - 0.5));
      long start = minute.toEpochMilli() * 1_000_000L + i * 4_000_000_000L;
      Span.Builder span = Span.newBuilder().setTraceId(id(16, random)).setSpanId(id(8, random))
          .setName("POST /pay").setKind(Span.SpanKind.SPAN_KIND_SERVER)
          .setStartTimeUnixNano(start).setEndTimeUnixNano(start + (long) (ms * 1_000_000));
      if (random.nextInt(200) == 0) {
        span.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR));
      }
      scope.addSpans(span);
    }
    return ResourceSpans.newBuilder().setResource(Resource.newBuilder().addAttributes(KeyValue.newBuilder()
        .setKey("service.name").setValue(AnyValue.newBuilder().setStringValue(service)))).addScopeSpans(scope).build();
  }

  private static ByteString id(int bytes, Random random) {
    ByteBuffer b = ByteBuffer.allocate(bytes);
    while (b.hasRemaining()) {
      b.put((byte) random.nextInt());
    }
    return ByteString.copyFrom(b.array());
  }

  @Test
  void theLatencySpikeIsFlaggedWithItsExpectedBand() {
    List<ConditionSample> found = RedAnomalyRules.p99Latency(engine, TENANT).evaluate(SPIKE.plus(Duration.ofMinutes(10)));

    assertThat(found).singleElement().satisfies(s -> {
      assertThat(s.labels()).containsEntry("job", "checkout");
      assertThat(s.value()).isGreaterThan(0.4);
      assertThat(s.details()).containsOnlyKeys("expected", "expected_low", "expected_high", "observed", "seasonality");
      assertThat(s.details()).containsEntry("seasonality", "hour_of_day");
      assertThat(Double.parseDouble(s.details().get("expected"))).isBetween(0.05, 0.2);
      assertThat(Double.parseDouble(s.details().get("expected_high"))).isLessThan(s.value());
    });
  }

  @Test
  void theSteadyDailyWaveIsNotFlaggedAtAnyHourOfTheLastDay() {
    Map<String, AnomalyCondition> rules = RedAnomalyRules.all(engine, TENANT);
    for (Instant at = START.plus(Duration.ofDays(3)).plus(Duration.ofMinutes(5)); at.isBefore(END);
        at = at.plus(Duration.ofMinutes(55))) {
      boolean spike = !at.isBefore(SPIKE) && at.isBefore(SPIKE.plus(Duration.ofMinutes(15)));
      for (Map.Entry<String, AnomalyCondition> rule : rules.entrySet()) {
        if (!spike) {
          assertThat(rule.getValue().evaluate(at)).as("%s at %s", rule.getKey(), at).isEmpty();
        }
      }
    }
    assertThat(rules.get("RedP99LatencyAnomaly").evaluate(SPIKE.plus(Duration.ofMinutes(20))))
        .as("once the spike has left the 5m rate window").isEmpty();
  }

  @Test
  void theOtherRedRulesStayQuietDuringTheLatencySpike() {
    Instant at = SPIKE.plus(Duration.ofMinutes(10));
    assertThat(RedAnomalyRules.requestRate(engine, TENANT).evaluate(at)).isEmpty();
    assertThat(RedAnomalyRules.errorRatio(engine, TENANT).evaluate(at)).isEmpty();
  }

  @Test
  void tooLittleHistoryNeverFlagsTheSpike() {
    AnomalyCondition longMemory = new AnomalyCondition(engine, TENANT, RedAnomalyRules.P99_LATENCY_SECONDS,
        SeasonalBaseline.builder().minHistory(Duration.ofDays(5)).direction(Direction.ABOVE).build());
    assertThat(longMemory.evaluate(SPIKE.plus(Duration.ofMinutes(10)))).isEmpty();
  }

  @Test
  void aTrailingWindowAlsoCatchesTheSpike() {
    AnomalyCondition trailing = new AnomalyCondition(engine, TENANT, RedAnomalyRules.P99_LATENCY_SECONDS,
        Duration.ofMinutes(1), SeasonalBaseline.builder().seasonality(Seasonality.NONE).direction(Direction.ABOVE).build());
    assertThat(trailing.evaluate(SPIKE.plus(Duration.ofMinutes(10))))
        .extracting(s -> s.labels().get("job")).containsExactly("checkout");
    assertThat(trailing.evaluate(SPIKE.minus(Duration.ofMinutes(10)))).isEmpty();
  }

  @Test
  void queryErrorsBecomeConditionErrors() {
    AnomalyCondition tooFine = new AnomalyCondition(engine, TENANT, RedAnomalyRules.REQUEST_RATE,
        Duration.ofMillis(1), SeasonalBaseline.builder().build());
    assertThatThrownBy(() -> tooFine.evaluate(SPIKE)).isInstanceOf(AlertConditionException.class)
        .hasMessageContaining("exceeded maximum resolution");
    assertThatThrownBy(() -> new AnomalyCondition(engine, TENANT, "rate(", SeasonalBaseline.builder().build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expr");
  }
}
