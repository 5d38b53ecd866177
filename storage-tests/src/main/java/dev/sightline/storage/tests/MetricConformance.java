package dev.sightline.storage.tests;

import static dev.sightline.storage.tests.SampleData.MS;
import static dev.sightline.storage.tests.SampleData.T0;
import static dev.sightline.storage.tests.SampleData.attr;
import static dev.sightline.storage.tests.SampleData.resource;
import static dev.sightline.storage.tests.SampleMetrics.resourceMetrics;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sightline.storage.LabelMatcher;
import dev.sightline.storage.SeriesQuery;
import dev.sightline.storage.StoredSeries;
import dev.sightline.storage.TimeRange;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every backend must do with metric points. */
public abstract class MetricConformance extends StorageFixture {

  private List<StoredSeries> series(LabelMatcher... matchers) {
    return storage.metrics().series(new SeriesQuery(TENANT, List.of(matchers), TimeRange.all(), 1000));
  }

  @Test
  void keepsEveryMetricTypeWithExemplarsExactly() {
    writeMetrics(TENANT, resourceMetrics(resource("api"), SampleMetrics.all().toArray(new Metric[0])));

    for (Metric expected : SampleMetrics.all()) {
      List<StoredSeries> found = series(LabelMatcher.eq("__name__", expected.getName()));
      assertThat(found).as(expected.getName()).hasSize(1);
      assertThat(found.get(0).metric()).as(expected.getName()).isEqualTo(expected);
      assertThat(found.get(0).origin().resource()).isEqualTo(resource("api"));
    }
  }

  @Test
  void listsNamesLabelsAndValues() {
    writeMetrics(TENANT, resourceMetrics(resource("api"), SampleMetrics.gauge(), SampleMetrics.sum()));
    writeMetrics("other-tenant", resourceMetrics(resource("hidden"), SampleMetrics.summary()));

    assertThat(storage.metrics().metricNames(TENANT, TimeRange.all()))
        .containsExactly("http.requests", "process.memory.usage");
    assertThat(storage.metrics().labelNames(TENANT, TimeRange.all()))
        .containsExactly("__name__", "pool", "route", "service.name");
    assertThat(storage.metrics().labelValues(TENANT, "route", TimeRange.all())).containsExactly("/a");
    assertThat(storage.metrics().labelValues(TENANT, "service.name", TimeRange.all())).containsExactly("api");
    assertThat(storage.metrics().labelValues(TENANT, "__name__", TimeRange.all()))
        .containsExactly("http.requests", "process.memory.usage");
    assertThat(storage.metrics().metricNames(TENANT, new TimeRange(T0 + 20 * MS, T0 + 30 * MS))).isEmpty();
  }

  @Test
  void selectsSeriesByMatchersAndTime() {
    Metric cpu = Metric.newBuilder().setName("cpu").setGauge(Gauge.newBuilder()
        .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(T0).setAsDouble(1).addAttributes(attr("core", "0")))
        .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(T0).setAsDouble(2).addAttributes(attr("core", "1")))
        .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(T0 + 10 * MS).setAsDouble(3).addAttributes(attr("core", "1")))
        .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(T0).setAsDouble(4).addAttributes(attr("core", "12"))))
        .build();
    writeMetrics(TENANT, resourceMetrics(resource("host-a"), cpu));

    assertThat(series(LabelMatcher.eq("__name__", "cpu"))).hasSize(3);
    assertThat(series(LabelMatcher.eq("core", "1"))).singleElement().satisfies(s -> {
      assertThat(s.labels()).isEqualTo(Map.of("__name__", "cpu", "core", "1", "service.name", "host-a"));
      assertThat(s.metric().getGauge().getDataPointsList()).extracting(NumberDataPoint::getAsDouble).containsExactly(2.0, 3.0);
    });
    assertThat(series(new LabelMatcher("core", LabelMatcher.Op.NEQ, "1"))).hasSize(2);
    assertThat(series(new LabelMatcher("core", LabelMatcher.Op.RE, "1.*"))).hasSize(2);
    assertThat(series(new LabelMatcher("core", LabelMatcher.Op.NRE, "1.*"))).hasSize(1);
    assertThat(series(LabelMatcher.eq("absent", ""))).hasSize(3);
    assertThat(series(LabelMatcher.eq("service.name", "host-b"))).isEmpty();
    List<StoredSeries> late = storage.metrics().series(new SeriesQuery(TENANT,
        List.of(LabelMatcher.eq("__name__", "cpu")), new TimeRange(T0 + 5 * MS, T0 + 20 * MS), 10));
    assertThat(late).singleElement().satisfies(s ->
        assertThat(s.metric().getGauge().getDataPointsList()).extracting(NumberDataPoint::getAsDouble).containsExactly(3.0));
  }
}
