package dev.sightline.alerting.anomaly;

import dev.sightline.query.promql.PromqlEngine;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Default anomaly rules on the RED metrics of every service, as the {@code spanmetrics} processor
 * writes them: {@code traces.span.metrics.calls} (unit {@code {call}}) becomes the Prometheus
 * counter {@value #CALLS} and {@code traces.span.metrics.duration} (unit {@code ms}) the histogram
 * {@value #DURATION_BUCKET}; {@code service.name} becomes {@code job}, the span attributes
 * {@code span_name}, {@code span_kind} ({@code SPAN_KIND_SERVER}…) and {@code status_code}
 * ({@code STATUS_CODE_ERROR}…). Only server and consumer spans count: they are the requests a
 * service answers, while its client spans are requests of the services it calls.
 */
public final class RedAnomalyRules {
  public static final String CALLS = "traces_span_metrics_calls_total";
  public static final String DURATION_BUCKET = "traces_span_metrics_duration_milliseconds_bucket";
  private static final String REQUESTS = "span_kind=~\"SPAN_KIND_SERVER|SPAN_KIND_CONSUMER\"";

  /** Requests per second per service. */
  public static final String REQUEST_RATE = "sum by (job) (rate(" + CALLS + "{" + REQUESTS + "}[5m]))";

  /**
   * The share of requests that failed, per service; zero rather than absent while nothing fails,
   * so that the baseline learns the quiet times too.
   */
  public static final String ERROR_RATIO = "(sum by (job) (rate(" + CALLS + "{" + REQUESTS
      + ", status_code=\"STATUS_CODE_ERROR\"}[5m])) or " + REQUEST_RATE + " * 0) / " + REQUEST_RATE;

  /** The 99th percentile of request latency per service, in seconds. */
  public static final String P99_LATENCY_SECONDS = "histogram_quantile(0.99, sum by (le, job) (rate("
      + DURATION_BUCKET + "{" + REQUESTS + "}[5m]))) / 1000";

  private RedAnomalyRules() {}

  /** Request rate against the same hour of past days, either way: a drop matters as much as a surge. */
  public static AnomalyCondition requestRate(PromqlEngine engine, String tenant) {
    return new AnomalyCondition(engine, tenant, REQUEST_RATE, baseline(Direction.BOTH, 0.01));
  }

  /** Error ratio above the same hour of past days by at least six percentage points. */
  public static AnomalyCondition errorRatio(PromqlEngine engine, String tenant) {
    // A service that rarely fails has a band of zero width, and at a few requests a second two
    // failures in five minutes already make 3 %: noise, not an incident.
    return new AnomalyCondition(engine, tenant, ERROR_RATIO, baseline(Direction.ABOVE, 0.02));
  }

  /** p99 latency above the same hour of past days; the band is at least 5 ms wide. */
  public static AnomalyCondition p99Latency(PromqlEngine engine, String tenant) {
    return new AnomalyCondition(engine, tenant, P99_LATENCY_SECONDS, baseline(Direction.ABOVE, 0.005));
  }

  /** The three rules by alert name: {@code RedRequestRateAnomaly}, {@code RedErrorRatioAnomaly}, {@code RedP99LatencyAnomaly}. */
  public static Map<String, AnomalyCondition> all(PromqlEngine engine, String tenant) {
    Map<String, AnomalyCondition> rules = new LinkedHashMap<>();
    rules.put("RedRequestRateAnomaly", requestRate(engine, tenant));
    rules.put("RedErrorRatioAnomaly", errorRatio(engine, tenant));
    rules.put("RedP99LatencyAnomaly", p99Latency(engine, tenant));
    return rules;
  }

  private static SeasonalBaseline baseline(Direction direction, double minWidth) {
    return SeasonalBaseline.builder().seasonality(Seasonality.HOUR_OF_DAY).sensitivity(3)
        .direction(direction).minWidth(minWidth).build();
  }
}
