package dev.sightline.storage.tests;

import static dev.sightline.storage.tests.SampleData.MS;
import static dev.sightline.storage.tests.SampleData.T0;
import static dev.sightline.storage.tests.SampleData.attr;
import static dev.sightline.storage.tests.SampleData.error;
import static dev.sightline.storage.tests.SampleData.resource;
import static dev.sightline.storage.tests.SampleData.resourceSpans;
import static dev.sightline.storage.tests.SampleData.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sightline.storage.Capability;
import dev.sightline.storage.SpanStatistics;
import dev.sightline.storage.SpanStatsQuery;
import dev.sightline.storage.SpanStatsQuery.Dimension;
import dev.sightline.storage.SpanStatsRow;
import dev.sightline.storage.TimeRange;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every backend with {@link Capability#SPAN_STATISTICS} must compute. */
public abstract class SpanStatisticsConformance extends StorageFixture {
  private SpanStatistics statistics;

  /**
   * checkout "POST /pay": 100 server spans of 1..100 ms starting 0..99 ms after T0, those of 91 ms
   * and more failed; checkout "GET /cart": 10 client spans of 5 ms with {@code http.route=/cart}; cart
   * "GET /cart": 4 server spans of 50 ms, one failed.
   */
  @BeforeEach
  void writeSpans() {
    assumeTrue(storage.capabilities().contains(Capability.SPAN_STATISTICS), "the backend has no span statistics");
    statistics = storage.spanStatistics().orElseThrow();
    List<Span> checkout = new ArrayList<>();
    for (int i = 1; i <= 100; i++) {
      Span.Builder pay = span(i, i, 0, "POST /pay", i - 1, i);
      checkout.add(i > 90 ? error(pay) : pay.build());
    }
    for (int i = 1; i <= 10; i++) {
      checkout.add(span(200 + i, 200 + i, 0, "GET /cart", i, 5).setKind(SpanKind.SPAN_KIND_CLIENT)
          .addAttributes(attr("http.route", "/cart")).build());
    }
    List<Span> cart = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      Span.Builder get = span(300 + i, 300 + i, 0, "GET /cart", i, 50);
      cart.add(i == 4 ? error(get) : get.build());
    }
    writeSpans(TENANT, resourceSpans(resource("checkout"), checkout.toArray(Span[]::new)),
        resourceSpans(resource("cart"), cart.toArray(Span[]::new)));
    writeSpans("other-tenant", resourceSpans(resource("checkout"), span(999, 999, 0, "POST /pay", 1, 1).build()));
  }

  private List<SpanStatsRow> stats(SpanStatsQuery.Builder query) {
    return statistics.spanStats(query.build());
  }

  @Test
  void countsSpansAndErrorsWithALatencyQuantilePerServiceAndName() {
    List<SpanStatsRow> rows = stats(SpanStatsQuery.builder(TENANT).quantile(0.5)
        .groupBy(Dimension.SERVICE, Dimension.SPAN_NAME));
    assertThat(rows).extracting(SpanStatsRow::group).containsExactly(
        Map.of("service", "cart", "span_name", "GET /cart"),
        Map.of("service", "checkout", "span_name", "GET /cart"),
        Map.of("service", "checkout", "span_name", "POST /pay"));
    assertThat(rows).extracting(SpanStatsRow::spanCount).containsExactly(4L, 10L, 100L);
    assertThat(rows).extracting(SpanStatsRow::errorCount).containsExactly(1L, 0L, 10L);
    assertThat(rows.get(2).errorRate()).isEqualTo(0.1);
    assertThat(rows.get(0).latencyQuantileNanos()).isEqualTo(50 * MS);
    assertThat(rows.get(2).latencyQuantileNanos()).isCloseTo(50.5 * MS, within(1.0));
  }

  @Test
  void theQuantileInterpolatesBetweenTheNearestSpans() {
    SpanStatsRow pay = stats(SpanStatsQuery.builder(TENANT).service("checkout").spanName("POST /pay")
        .quantile(0.99)).get(0);
    assertThat(pay.latencyQuantileNanos()).isCloseTo(99.01 * MS, within(1.0));
    assertThat(pay.group()).isEmpty();
  }

  @Test
  void filtersByKindAttributeAndStartTime() {
    assertThat(stats(SpanStatsQuery.builder(TENANT).kind(SpanKind.SPAN_KIND_CLIENT).groupBy(Dimension.SERVICE)))
        .extracting(SpanStatsRow::group, SpanStatsRow::spanCount)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Map.of("service", "checkout"), 10L));
    assertThat(stats(SpanStatsQuery.builder(TENANT).attribute("http.route", "/cart")).get(0).spanCount()).isEqualTo(10);
    assertThat(stats(SpanStatsQuery.builder(TENANT).service("checkout").spanName("POST /pay")
        .range(new TimeRange(T0 + 10 * MS, T0 + 19 * MS))).get(0).spanCount()).as("starts 10..19 ms, inclusive")
        .isEqualTo(10);
  }

  @Test
  void anEmptyWindowIsOneRowOfZeroWithoutGroupsAndNoRowsWithThem() {
    TimeRange nothing = new TimeRange(T0 + 3_600_000 * MS, T0 + 3_600_001 * MS);
    SpanStatsRow none = stats(SpanStatsQuery.builder(TENANT).range(nothing)).get(0);
    assertThat(none.spanCount()).isZero();
    assertThat(none.errorRate()).isNaN();
    assertThat(none.latencyQuantileNanos()).isNaN();
    assertThat(stats(SpanStatsQuery.builder(TENANT).range(nothing).groupBy(Dimension.SERVICE))).isEmpty();
  }
}
