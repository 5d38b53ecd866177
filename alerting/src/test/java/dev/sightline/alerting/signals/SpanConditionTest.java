package dev.sightline.alerting.signals;

import static dev.sightline.storage.tests.SampleData.T0;
import static dev.sightline.storage.tests.SampleData.error;
import static dev.sightline.storage.tests.SampleData.resource;
import static dev.sightline.storage.tests.SampleData.resourceSpans;
import static dev.sightline.storage.tests.SampleData.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.sightline.alerting.AlertConditionException;
import dev.sightline.alerting.ConditionSample;
import dev.sightline.storage.SpanStatistics;
import dev.sightline.storage.Storage;
import dev.sightline.storage.duckdb.DuckDbStorage;
import dev.sightline.storage.tests.SampleData;
import dev.sightline.storage.tests.StorageFixture;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SpanConditionTest extends StorageFixture {
  /** Ten minutes after T0: the 5 minute window holds spans starting 300..600 s after T0. */
  private static final Instant AT = Instant.ofEpochSecond(0, T0).plus(Duration.ofMinutes(10));
  private static final long SECOND = 1000;
  private SpanStatistics statistics;

  @Override
  protected Storage open(Path directory) {
    return DuckDbStorage.open(directory, "512MB");
  }

  /**
   * In the window: checkout "POST /pay" 100 server spans of 10..1000 ms, the 8 slowest failed;
   * checkout "GET /health" 50 server spans of 1 ms; cart "GET /cart" 20 client spans of 20 ms,
   * one failed. Before it: 30 checkout "POST /pay" spans of 5 s.
   */
  @BeforeEach
  void writeSpans() {
    statistics = storage.spanStatistics().orElseThrow();
    List<Span> checkout = new ArrayList<>();
    for (int i = 1; i <= 100; i++) {
      Span.Builder pay = span(i, i, 0, "POST /pay", 310 * SECOND + i * SECOND, 10L * i);
      checkout.add(i > 92 ? error(pay) : pay.build());
    }
    for (int i = 1; i <= 50; i++) {
      checkout.add(span(1000 + i, 1000 + i, 0, "GET /health", 320 * SECOND + i, 1).build());
    }
    for (int i = 1; i <= 30; i++) {
      checkout.add(span(2000 + i, 2000 + i, 0, "POST /pay", 10 * SECOND + i, 5000).build());
    }
    List<Span> cart = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      Span.Builder get = span(3000 + i, 3000 + i, 0, "GET /cart", 400 * SECOND + i, 20)
          .setKind(SpanKind.SPAN_KIND_CLIENT).addAttributes(SampleData.attr("http.route", "/cart"));
      cart.add(i == 1 ? error(get) : get.build());
    }
    writeSpans(TENANT, resourceSpans(resource("checkout"), checkout.toArray(Span[]::new)),
        resourceSpans(resource("cart"), cart.toArray(Span[]::new)));
  }

  private SpanCondition.Builder rule() {
    return SpanCondition.builder(statistics, TENANT).window(Duration.ofMinutes(5));
  }

  @Test
  void latencyQuantileInSecondsFiresForTheSlowOperation() {
    List<ConditionSample> found = rule().service("checkout").spanName("POST /pay").measure("latency_quantile")
        .quantile(0.99).condition("> 0.5").build().evaluate(AT);
    assertThat(found).singleElement().satisfies(s -> {
      assertThat(s.labels()).isEqualTo(Map.of("service", "checkout", "span_name", "POST /pay"));
      assertThat(s.value()).as("the 5 s spans lie before the window").isCloseTo(0.9901, within(1e-9));
      assertThat(s.details()).containsEntry("measure", "latency_quantile").containsEntry("quantile", "0.99")
          .containsEntry("span_count", "100").containsEntry("window", "5m");
    });
    assertThat(rule().service("checkout").spanName("POST /pay").measure("latency_quantile").quantile(0.5)
        .condition("> 0.51").build().evaluate(AT)).isEmpty();
  }

  @Test
  void errorRatePerServiceAndSpanNameByDefault() {
    List<ConditionSample> found = rule().measure("error_rate").condition("> 0.01").build().evaluate(AT);
    assertThat(found).extracting(ConditionSample::labels, ConditionSample::value).containsExactly(
        org.assertj.core.groups.Tuple.tuple(Map.of("service", "cart", "span_name", "GET /cart"), 0.05),
        org.assertj.core.groups.Tuple.tuple(Map.of("service", "checkout", "span_name", "POST /pay"), 0.08));
    assertThat(found.get(1).details()).containsEntry("error_count", "8").containsEntry("span_count", "100");
  }

  @Test
  void countAndRateWithKindAttributeAndGroupFilters() {
    assertThat(rule().groupBy(List.of("service")).measure("count").condition(">= 20").build().evaluate(AT))
        .extracting(ConditionSample::labels, ConditionSample::value).containsExactly(
            org.assertj.core.groups.Tuple.tuple(Map.of("service", "cart"), 20.0),
            org.assertj.core.groups.Tuple.tuple(Map.of("service", "checkout"), 150.0));
    assertThat(rule().groupBy(List.of()).kind("server").measure("rate_per_second").condition("> 0.4").build()
        .evaluate(AT)).extracting(ConditionSample::value).containsExactly(0.5);
    assertThat(rule().attribute("http.route", "/cart").groupBy(List.of()).measure("count").condition("== 20")
        .build().evaluate(AT)).hasSize(1);
    assertThat(rule().service("search").groupBy(List.of()).measure("count").condition("< 1").build().evaluate(AT))
        .as("no traffic at all").extracting(ConditionSample::labels).containsExactly(Map.of("service", "search"));
    assertThat(rule().service("search").groupBy(List.of()).measure("error_rate").condition(">= 0").build()
        .evaluate(AT)).as("no error rate without spans").isEmpty();
  }

  @Test
  void badRulesNameTheField() {
    assertThatThrownBy(() -> rule().measure("p99")).hasMessageContaining("measure must be one of");
    assertThatThrownBy(() -> rule().kind("frontend")).hasMessageContaining("kind must be one of");
    assertThatThrownBy(() -> rule().quantile(99)).hasMessageContaining("quantile must lie in 0..1");
    assertThatThrownBy(() -> rule().groupBy(List.of("trace_id"))).hasMessageContaining("group_by");
    assertThatThrownBy(() -> rule().condition("> 1").build()).hasMessageContaining("measure is required");
    assertThatThrownBy(() -> rule().window(Duration.ZERO)).hasMessageContaining("window must be positive");
  }

  @Test
  void storageFailuresBecomeConditionErrors() {
    SpanCondition rule = rule().measure("count").condition("> 0").build();
    storage.close();
    try {
      assertThatThrownBy(() -> rule.evaluate(AT)).isInstanceOf(AlertConditionException.class)
          .hasMessageContaining("span statistics failed");
    } finally {
      storage = open(directory);
    }
  }
}
