package dev.sightline.storage.tests;

import static dev.sightline.storage.tests.SampleData.MS;
import static dev.sightline.storage.tests.SampleData.T0;
import static dev.sightline.storage.tests.SampleData.attr;
import static dev.sightline.storage.tests.SampleData.resource;
import static dev.sightline.storage.tests.SampleMetrics.resourceMetrics;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sightline.storage.Capability;
import dev.sightline.storage.LabelMatcher;
import dev.sightline.storage.SampleReader;
import dev.sightline.storage.SampleSeries;
import dev.sightline.storage.StaleMarker;
import dev.sightline.storage.StorageException;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.Sum;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every backend with {@link Capability#SAMPLES} must do with metrics as Prometheus samples. */
public abstract class SampleConformance extends StorageFixture {
  /** {@link SampleData#T0} in milliseconds. */
  protected static final long T = T0 / MS;
  private static final LabelMatcher.Op EQ = LabelMatcher.Op.EQ;

  @BeforeEach
  void requireSamples() {
    assumeTrue(storage.capabilities().contains(Capability.SAMPLES), "the backend does not keep samples");
  }

  protected SampleReader samples() {
    return storage.samples().orElseThrow();
  }

  protected List<SampleSeries> select(LabelMatcher... matchers) {
    return samples().select(TENANT, List.of(matchers), Long.MIN_VALUE, Long.MAX_VALUE, SampleReader.SelectLimits.NONE);
  }

  protected static LabelMatcher m(String name, LabelMatcher.Op op, String value) {
    return new LabelMatcher(name, op, value);
  }

  /** A gauge with one point per {@code (offsetMs, value)} pair. */
  protected static Metric gauge(String name, KeyValue attribute, double... offsetAndValue) {
    Gauge.Builder g = Gauge.newBuilder();
    for (int i = 0; i < offsetAndValue.length; i += 2) {
      g.addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(T0 + (long) offsetAndValue[i] * MS)
          .setAsDouble(offsetAndValue[i + 1]).addAttributes(attribute));
    }
    return Metric.newBuilder().setName(name).setGauge(g).build();
  }

  protected static double[] values(SampleSeries s) {
    return s.values();
  }

  @Test
  void mapsOtlpMetricsToPrometheusSeries() {
    Metric counter = Metric.newBuilder().setName("http.server.requests").setUnit("{request}")
        .setSum(Sum.newBuilder().setIsMonotonic(true).setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
            .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(T0).setAsInt(3).addAttributes(attr("http.route", "/a")))
            .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(T0 + 15_000 * MS).setAsInt(5).addAttributes(attr("http.route", "/a"))))
        .build();
    writeMetrics(TENANT, resourceMetrics(resource("api", attr("service.instance.id", "pod-1"), attr("host.name", "h1")),
        counter, SampleMetrics.histogram()));

    assertThat(select(m("__name__", EQ, "http_server_requests_total"))).singleElement().satisfies(s -> {
      assertThat(s.labels()).containsExactly(Map.entry("__name__", "http_server_requests_total"),
          Map.entry("http_route", "/a"), Map.entry("instance", "pod-1"), Map.entry("job", "api"));
      assertThat(s.timestamps()).containsExactly(T, T + 15_000);
      assertThat(s.values()).containsExactly(3, 5);
    });
    assertThat(select(m("__name__", EQ, "target_info"))).singleElement().satisfies(s ->
        assertThat(s.labels()).containsEntry("host_name", "h1").containsEntry("job", "api"));
    List<SampleSeries> buckets = select(m("__name__", EQ, "http_server_duration_milliseconds_bucket"));
    assertThat(buckets).extracting(s -> s.labels().get("le")).containsExactly("+Inf", "1", "5");
    assertThat(select(m("__name__", EQ, "http_server_duration_milliseconds_count"))).hasSize(1);
  }

  @Test
  void matchersSelectSeries() {
    writeMetrics(TENANT, resourceMetrics(resource("api"),
        gauge("cpu", attr("core", "0"), 0, 1), gauge("cpu", attr("core", "1"), 0, 2), gauge("cpu", attr("core", "12"), 0, 3),
        gauge("mem", attr("core", "1"), 0, 4)));
    writeMetrics("other-tenant", resourceMetrics(resource("api"), gauge("cpu", attr("core", "0"), 0, 9)));

    assertThat(select(m("__name__", EQ, "cpu"))).hasSize(3);
    assertThat(select(m("__name__", LabelMatcher.Op.RE, "cpu|mem"))).hasSize(4);
    assertThat(select(m("__name__", LabelMatcher.Op.RE, "c"))).as("regexes are anchored").isEmpty();
    assertThat(select(m("__name__", EQ, "cpu"), m("core", LabelMatcher.Op.RE, "1.*"))).hasSize(2);
    assertThat(select(m("__name__", EQ, "cpu"), m("core", LabelMatcher.Op.NRE, "1.*"))).singleElement()
        .satisfies(s -> assertThat(s.values()).containsExactly(1));
    assertThat(select(m("__name__", EQ, "cpu"), m("core", LabelMatcher.Op.NEQ, "1"))).hasSize(2);
    assertThat(select(m("__name__", LabelMatcher.Op.NEQ, "cpu"))).singleElement()
        .satisfies(s -> assertThat(s.labels()).containsEntry("__name__", "mem"));
    assertThat(select(m("__name__", EQ, "cpu"), m("absent", EQ, ""))).hasSize(3);
    assertThat(select(m("__name__", EQ, "cpu"), m("core", EQ, "7"))).isEmpty();
    assertThat(select(m("__name__", EQ, "cpu"))).extracting(s -> s.labels().get("core")).containsExactly("0", "1", "12");
  }

  @Test
  void rangesAndLabelQueries() {
    writeMetrics(TENANT, resourceMetrics(resource("api"), gauge("g", attr("k", "a"), 0, 1, 15_000, 2, 30_000, 3),
        gauge("late", attr("k", "b"), 60_000, 7)));

    List<SampleSeries> middle = samples().select(TENANT, List.of(m("__name__", EQ, "g")), T + 10_000, T + 30_000,
        SampleReader.SelectLimits.NONE);
    assertThat(middle).singleElement().satisfies(s -> {
      assertThat(s.timestamps()).containsExactly(T + 15_000, T + 30_000);
      assertThat(s.values()).containsExactly(2, 3);
    });
    assertThat(samples().select(TENANT, List.of(m("__name__", EQ, "g")), T + 31_000, T + 50_000,
        SampleReader.SelectLimits.NONE)).isEmpty();
    assertThat(samples().labelNames(TENANT, List.of(), Long.MIN_VALUE, Long.MAX_VALUE)).containsExactly("__name__", "job", "k");
    assertThat(samples().labelValues(TENANT, "__name__", List.of(), Long.MIN_VALUE, Long.MAX_VALUE)).containsExactly("g", "late");
    assertThat(samples().labelValues(TENANT, "k", List.of(m("__name__", EQ, "late")), Long.MIN_VALUE, Long.MAX_VALUE))
        .containsExactly("b");
    assertThat(samples().series(TENANT, List.of(m("k", LabelMatcher.Op.RE, ".+")), T + 40_000, T + 70_000, 10))
        .containsExactly(Map.of("__name__", "late", "job", "api", "k", "b"));
    assertThat(samples().labelValues("nobody", "k", List.of(), Long.MIN_VALUE, Long.MAX_VALUE)).isEmpty();
  }

  @Test
  void limitsAreNamedWhenExceeded() {
    writeMetrics(TENANT, resourceMetrics(resource("api"), gauge("g", attr("k", "a"), 0, 1, 15_000, 2),
        gauge("g", attr("k", "b"), 0, 1)));
    assertThatThrownBy(() -> samples().select(TENANT, List.of(m("__name__", EQ, "g")), Long.MIN_VALUE, Long.MAX_VALUE,
        new SampleReader.SelectLimits(1, 100))).isInstanceOf(StorageException.class).hasMessageContaining("maxSeries");
    assertThatThrownBy(() -> samples().select(TENANT, List.of(m("__name__", EQ, "g")), Long.MIN_VALUE, Long.MAX_VALUE,
        new SampleReader.SelectLimits(10, 2))).isInstanceOf(StorageException.class).hasMessageContaining("maxSamples");
    assertThat(samples().select(TENANT, List.of(m("__name__", EQ, "g")), Long.MIN_VALUE, Long.MAX_VALUE,
        new SampleReader.SelectLimits(2, 3))).hasSize(2);
  }

  @Test
  void staleMarkersAndSpecialValuesComeBackExactly() {
    Metric up = Metric.newBuilder().setName("up").setGauge(Gauge.newBuilder()
        .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(T0).setAsDouble(1))
        .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(T0 + 15_000 * MS).setAsDouble(Double.NaN))
        .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(T0 + 30_000 * MS).setAsDouble(Double.NEGATIVE_INFINITY))
        .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(T0 + 45_000 * MS).setFlags(1)))
        .build();
    writeMetrics(TENANT, resourceMetrics(resource("api"), up));
    assertThat(select(m("__name__", EQ, "up"))).singleElement().satisfies(s -> {
      assertThat(s.values()[0]).isEqualTo(1);
      assertThat(Double.doubleToRawLongBits(s.values()[1])).isEqualTo(Double.doubleToRawLongBits(Double.NaN));
      assertThat(s.values()[2]).isEqualTo(Double.NEGATIVE_INFINITY);
      assertThat(StaleMarker.is(s.values()[3])).isTrue();
    });
  }

  @Test
  void outOfOrderSamplesWithinTheWindowAreKept() {
    writeMetrics(TENANT, resourceMetrics(resource("api"), gauge("g", attr("k", "a"), 60_000, 3)));
    writeMetrics(TENANT, resourceMetrics(resource("api"), gauge("g", attr("k", "a"), 30_000, 2, 0, 1)));
    writeMetrics(TENANT, resourceMetrics(resource("api"), gauge("g", attr("k", "a"), -3 * 3600_000, 9)));
    assertThat(select(m("__name__", EQ, "g"))).singleElement().satisfies(s -> {
      assertThat(s.timestamps()).containsExactly(T, T + 30_000, T + 60_000);
      assertThat(s.values()).containsExactly(1, 2, 3);
    });
  }

  @Test
  void rewritingATimestampShowsItOnceWithTheLaterValue() {
    writeMetrics(TENANT, resourceMetrics(resource("api"), gauge("g", attr("k", "a"), 0, 1, 15_000, 2)));
    writeMetrics(TENANT, resourceMetrics(resource("api"), gauge("g", attr("k", "a"), 15_000, 5, 15_000, 6, 30_000, 3)));
    assertThat(select(m("__name__", EQ, "g"))).singleElement().satisfies(s -> {
      assertThat(s.timestamps()).containsExactly(T, T + 15_000, T + 30_000);
      assertThat(s.values()).containsExactly(1, 6, 3);
    });
  }

  @Test
  void reopeningKeepsSeriesAndSamples() {
    writeMetrics(TENANT, resourceMetrics(resource("api"), gauge("g", attr("k", "a"), 0, 1), gauge("g", attr("k", "b"), 0, 2)));
    reopen();
    writeMetrics(TENANT, resourceMetrics(resource("api"), gauge("g", attr("k", "a"), 15_000, 3), gauge("g", attr("k", "c"), 0, 4)));
    reopen();
    List<SampleSeries> all = select(m("__name__", EQ, "g"));
    assertThat(all).extracting(s -> s.labels().get("k")).containsExactly("a", "b", "c");
    assertThat(all.get(0).values()).containsExactly(1, 3);
    assertThat(all.get(2).values()).containsExactly(4);
  }
}
