package dev.sightline.alerting;

import dev.sightline.alerting.anomaly.AnomalyCondition;
import dev.sightline.alerting.anomaly.Direction;
import dev.sightline.alerting.anomaly.SeasonalBaseline;
import dev.sightline.alerting.anomaly.Seasonality;
import dev.sightline.alerting.rules.ConditionSpec;
import dev.sightline.alerting.signals.LogCountCondition;
import dev.sightline.alerting.signals.SpanCondition;
import dev.sightline.query.promql.Durations;
import dev.sightline.query.promql.PromqlEngine;
import dev.sightline.storage.LogCounter;
import dev.sightline.storage.SpanStatistics;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The log, span and anomaly rule kinds over a store: reads each kind's parameters as written in
 * the rule file and builds its condition, refusing unknown parameters by name.
 */
public final class StoreSignalConditions implements SignalConditions {
  private static final Set<String> LOGS = Set.of("service", "min_severity", "body_contains", "attributes", "window", "group_by");
  private static final Set<String> SPANS = Set.of("service", "name", "kind", "attributes", "window", "group_by", "measure",
      "quantile");
  private static final Set<String> ANOMALY = Set.of("expr", "seasonality", "sensitivity", "min_history", "history",
      "direction", "step", "min_width", "time_zone");
  private final Optional<LogCounter> logs;
  private final Optional<SpanStatistics> spans;
  private final PromqlEngine engine;

  public StoreSignalConditions(Optional<LogCounter> logs, Optional<SpanStatistics> spans, PromqlEngine engine) {
    this.logs = logs;
    this.spans = spans;
    this.engine = engine;
  }

  @Override
  public AlertCondition logs(ConditionSpec.Logs spec, String tenant) {
    Params p = new Params("logs", spec.params(), LOGS);
    LogCountCondition.Builder b = LogCountCondition.builder(logs.orElseThrow(() ->
        new IllegalArgumentException("log rules are not available with this store")), tenant)
        .window(p.duration("window", Duration.ofMinutes(5))).service(p.text("service")).minSeverity(p.text("min_severity"))
        .bodyContains(p.text("body_contains")).condition(spec.threshold());
    p.attributes().forEach(b::attribute);
    p.list("group_by").ifPresent(b::groupBy);
    return b.build();
  }

  @Override
  public AlertCondition spans(ConditionSpec.Spans spec, String tenant) {
    Params p = new Params("spans", spec.params(), SPANS);
    SpanCondition.Builder b = SpanCondition.builder(spans.orElseThrow(() ->
        new IllegalArgumentException("span rules are not available with this store")), tenant)
        .window(p.duration("window", Duration.ofMinutes(5))).service(p.text("service")).spanName(p.text("name"))
        .kind(p.text("kind")).measure(p.text("measure") == null ? "error_rate" : p.text("measure"))
        .condition(spec.threshold());
    if (p.text("quantile") != null) {
      b.quantile(p.number("quantile"));
    }
    p.attributes().forEach(b::attribute);
    p.list("group_by").ifPresent(b::groupBy);
    return b.build();
  }

  @Override
  public AlertCondition anomaly(ConditionSpec.Anomaly spec, String tenant) {
    Params p = new Params("anomaly", spec.params(), ANOMALY);
    String expr = p.text("expr");
    if (expr == null) {
      throw new IllegalArgumentException("anomaly.expr is required: the PromQL expression whose series to watch");
    }
    Seasonality seasonality = Seasonality.parse(p.text("seasonality") == null ? "hour_of_day" : p.text("seasonality"));
    SeasonalBaseline.Builder b = SeasonalBaseline.builder().seasonality(seasonality);
    if (p.text("sensitivity") != null) {
      b.sensitivity(p.number("sensitivity"));
    }
    if (p.text("min_history") != null) {
      b.minHistory(p.duration("min_history", seasonality.defaultMinHistory()));
    }
    if (p.text("history") != null) {
      b.history(p.duration("history", seasonality.defaultHistory()));
    }
    if (p.text("direction") != null) {
      b.direction(Direction.parse(p.text("direction")));
    }
    if (p.text("min_width") != null) {
      b.minWidth(p.number("min_width"));
    }
    if (p.text("time_zone") != null) {
      b.zone(ZoneId.of(p.text("time_zone")));
    }
    return new AnomalyCondition(engine, tenant, expr, p.duration("step", AnomalyCondition.DEFAULT_STEP), b.build());
  }

  /** A rule kind's parameters, read by name; errors say {@code <kind>.<parameter>}. */
  private record Params(String kind, Map<String, Object> values, Set<String> allowed) {
    Params {
      for (String key : values.keySet()) {
        if (!allowed.contains(key)) {
          throw new IllegalArgumentException(kind + ": unknown parameter '" + key + "'; expected one of "
              + String.join(", ", new TreeSet<>(allowed)));
        }
      }
    }

    String text(String key) {
      Object v = values.get(key);
      if (v != null && !(v instanceof String)) {
        throw new IllegalArgumentException(kind + "." + key + ": expected a single value");
      }
      return (String) v;
    }

    double number(String key) {
      try {
        return Double.parseDouble(text(key));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(kind + "." + key + ": '" + text(key) + "' is not a number");
      }
    }

    Duration duration(String key, Duration otherwise) {
      String v = text(key);
      if (v == null) {
        return otherwise;
      }
      try {
        return Duration.ofMillis(Durations.parse(v));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(kind + "." + key + ": '" + v + "' is not a duration such as 30s, 5m or 3d");
      }
    }

    @SuppressWarnings("unchecked")
    Optional<List<String>> list(String key) {
      Object v = values.get(key);
      if (v == null) {
        return Optional.empty();
      }
      if (!(v instanceof List<?> l) || !l.stream().allMatch(String.class::isInstance)) {
        throw new IllegalArgumentException(kind + "." + key + ": expected a list of names");
      }
      return Optional.of((List<String>) v);
    }

    @SuppressWarnings("unchecked")
    Map<String, String> attributes() {
      Object v = values.get("attributes");
      if (v == null) {
        return Map.of();
      }
      if (!(v instanceof Map<?, ?> m) || !m.values().stream().allMatch(String.class::isInstance)) {
        throw new IllegalArgumentException(kind + ".attributes: expected a mapping of attribute names to values");
      }
      return (Map<String, String>) v;
    }
  }
}
