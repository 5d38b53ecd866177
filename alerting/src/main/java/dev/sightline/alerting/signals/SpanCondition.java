package dev.sightline.alerting.signals;

import static java.util.Objects.requireNonNull;

import dev.sightline.alerting.AlertCondition;
import dev.sightline.alerting.AlertConditionException;
import dev.sightline.alerting.ConditionSample;
import dev.sightline.storage.SpanStatistics;
import dev.sightline.storage.SpanStatsQuery;
import dev.sightline.storage.SpanStatsQuery.Dimension;
import dev.sightline.storage.SpanStatsRow;
import dev.sightline.storage.StorageException;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A trace rule ({@code spans: {service, name, kind, attributes, measure, quantile, window,
 * group_by}} with {@code condition: "> 0.5"}): measures the spans that started in
 * {@code [at - window, at]} per group and returns the groups whose measure satisfies the
 * threshold. Labels are the group's ({@code service}, {@code span_name}; both by default) plus the
 * {@code service} and {@code span_name} filters when not grouped by them. Details give the
 * measure, window, span and error counts, so that an error-rate alert says out of how many.
 */
public final class SpanCondition implements AlertCondition {
  private final SpanStatistics statistics;
  private final String tenant;
  private final Duration window;
  private final @Nullable String service;
  private final @Nullable String spanName;
  private final @Nullable SpanKind kind;
  private final Map<String, String> attributes;
  private final Set<Dimension> groupBy;
  private final SpanMeasure measure;
  private final double quantile;
  private final Threshold threshold;

  private SpanCondition(Builder b, Duration window, Threshold threshold) {
    this.statistics = b.statistics;
    this.tenant = b.tenant;
    this.window = window;
    this.service = b.service;
    this.spanName = b.spanName;
    this.kind = b.kind;
    this.attributes = Map.copyOf(b.attributes);
    this.groupBy = b.groupBy == null ? Set.of(Dimension.SERVICE, Dimension.SPAN_NAME) : Set.copyOf(b.groupBy);
    this.measure = b.measure;
    this.quantile = b.quantile;
    this.threshold = threshold;
  }

  /** @param statistics the store's {@code spanStatistics()} capability */
  public static Builder builder(SpanStatistics statistics, String tenant) {
    return new Builder(statistics, tenant);
  }

  @Override
  public List<ConditionSample> evaluate(Instant at) {
    SpanStatsQuery.Builder q = SpanStatsQuery.builder(tenant).range(Windows.ending(at, window)).service(service)
        .spanName(spanName).kind(kind).groupBy(groupBy).quantile(quantile);
    attributes.forEach(q::attribute);
    List<SpanStatsRow> rows;
    try {
      rows = statistics.spanStats(q.build());
    } catch (StorageException e) {
      throw new AlertConditionException("computing span statistics failed: " + e.getMessage(), e);
    }
    List<ConditionSample> out = new ArrayList<>();
    for (SpanStatsRow row : rows) {
      double value = measure.of(row, window);
      if (threshold.holds(value)) {
        out.add(new ConditionSample(labels(row), value, details(row)));
      }
    }
    return out;
  }

  private Map<String, String> labels(SpanStatsRow row) {
    Map<String, String> labels = new LinkedHashMap<>(row.group());
    if (service != null) {
      labels.putIfAbsent("service", service);
    }
    if (spanName != null) {
      labels.putIfAbsent("span_name", spanName);
    }
    return labels;
  }

  private Map<String, String> details(SpanStatsRow row) {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("measure", measure.ruleName());
    d.put("window", Windows.format(window));
    d.put("condition", measure.ruleName() + " " + threshold);
    d.put("span_count", Long.toString(row.spanCount()));
    d.put("error_count", Long.toString(row.errorCount()));
    if (measure == SpanMeasure.LATENCY_QUANTILE) {
      d.put("quantile", Double.toString(quantile));
    }
    return d;
  }

  @Override
  public String toString() {
    return measure.ruleName() + " of spans" + (service == null ? "" : " of " + service)
        + (spanName == null ? "" : " " + spanName) + " over " + Windows.format(window) + " " + threshold;
  }

  /**
   * Builds a {@link SpanCondition}; {@code window}, {@code measure} and {@code condition} are
   * required, {@code quantile} (for {@code latency_quantile}) is 0.99 unless given.
   */
  public static final class Builder {
    private final SpanStatistics statistics;
    private final String tenant;
    private @Nullable Duration window;
    private @Nullable String service;
    private @Nullable String spanName;
    private @Nullable SpanKind kind;
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private @Nullable Set<Dimension> groupBy;
    private @Nullable SpanMeasure measure;
    private double quantile = 0.99;
    private @Nullable Threshold threshold;

    private Builder(SpanStatistics statistics, String tenant) {
      this.statistics = requireNonNull(statistics, "statistics");
      this.tenant = requireNonNull(tenant, "tenant");
    }

    public Builder window(Duration window) {
      this.window = Windows.check(window);
      return this;
    }

    public Builder service(@Nullable String service) {
      this.service = service;
      return this;
    }

    /** The span name ({@code name} in the rule). */
    public Builder spanName(@Nullable String name) {
      this.spanName = name;
      return this;
    }

    /** {@code server}, {@code client}, {@code producer}, {@code consumer}, {@code internal}. */
    public Builder kind(@Nullable String kind) {
      this.kind = kind == null ? null : parseKind(kind);
      return this;
    }

    /** The span's own or its resource's attribute must have this value. */
    public Builder attribute(String key, String value) {
      if (key.isEmpty()) {
        throw new IllegalArgumentException("attributes: a key is empty");
      }
      attributes.put(key, requireNonNull(value, "attributes." + key));
      return this;
    }

    /** Labels among {@code service} and {@code span_name}; an empty list measures all spans as one. */
    public Builder groupBy(List<String> labels) {
      Set<Dimension> dimensions = EnumSet.noneOf(Dimension.class);
      labels.forEach(l -> dimensions.add(Dimension.parse(l)));
      this.groupBy = dimensions;
      return this;
    }

    public Builder measure(SpanMeasure measure) {
      this.measure = requireNonNull(measure, "measure");
      return this;
    }

    /** {@code error_rate}, {@code latency_quantile}, {@code count} or {@code rate_per_second}. */
    public Builder measure(String measure) {
      return measure(SpanMeasure.parse(measure));
    }

    public Builder quantile(double quantile) {
      if (!(quantile >= 0 && quantile <= 1)) {
        throw new IllegalArgumentException("quantile must lie in 0..1, such as 0.99; was " + quantile);
      }
      this.quantile = quantile;
      return this;
    }

    public Builder condition(Threshold threshold) {
      this.threshold = requireNonNull(threshold, "condition");
      return this;
    }

    /** For example {@code "> 0.5"}; see {@link Threshold#parse}. */
    public Builder condition(String condition) {
      return condition(Threshold.parse(condition));
    }

    /**
     * @throws IllegalArgumentException naming {@code window}, {@code measure} or {@code condition}
     *     when missing
     */
    public SpanCondition build() {
      if (window == null) {
        throw new IllegalArgumentException("window is required, such as 5m");
      }
      if (measure == null) {
        throw new IllegalArgumentException("measure is required: error_rate, latency_quantile, count or rate_per_second");
      }
      if (threshold == null) {
        throw new IllegalArgumentException("condition is required, such as \"> 0.5\"");
      }
      return new SpanCondition(this, window, threshold);
    }

    private static SpanKind parseKind(String kind) {
      String k = kind.trim().toUpperCase(Locale.ROOT);
      if (!k.startsWith("SPAN_KIND_")) {
        k = "SPAN_KIND_" + k;
      }
      try {
        SpanKind parsed = SpanKind.valueOf(k);
        if (parsed != SpanKind.UNRECOGNIZED) {
          return parsed;
        }
      } catch (IllegalArgumentException e) {
        // fall through to the error naming the accepted values
      }
      throw new IllegalArgumentException("kind must be one of server, client, producer, consumer, internal, "
          + "unspecified; was \"" + kind + "\"");
    }
  }
}
