package dev.sightline.alerting.signals;

import static java.util.Objects.requireNonNull;

import dev.sightline.alerting.AlertCondition;
import dev.sightline.alerting.AlertConditionException;
import dev.sightline.alerting.ConditionSample;
import dev.sightline.storage.CountRow;
import dev.sightline.storage.LogCountQuery;
import dev.sightline.storage.LogCountQuery.Dimension;
import dev.sightline.storage.LogCounter;
import dev.sightline.storage.StorageException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A log rule ({@code logs: {service, min_severity, body_contains, attributes, window, group_by}}
 * with {@code condition: "> 10"}): counts the matching log records over {@code [at - window, at]}
 * per group and returns the groups whose count satisfies the threshold. Labels are the group's
 * ({@code service}, {@code severity_text}) plus the {@code service} filter when not grouped by it.
 * Without {@code group_by} all matches are one count, so that {@code "< 1"} can say that a service
 * stopped logging.
 */
public final class LogCountCondition implements AlertCondition {
  private final LogCounter counter;
  private final String tenant;
  private final Duration window;
  private final @Nullable String service;
  private final int minSeverityNumber;
  private final @Nullable String bodyContains;
  private final Map<String, String> attributes;
  private final Set<Dimension> groupBy;
  private final Threshold threshold;

  private LogCountCondition(Builder b) {
    this.counter = b.counter;
    this.tenant = b.tenant;
    this.window = requireNonNull(b.window, "window");
    this.service = b.service;
    this.minSeverityNumber = b.minSeverityNumber;
    this.bodyContains = b.bodyContains;
    this.attributes = Map.copyOf(b.attributes);
    this.groupBy = b.groupBy.isEmpty() ? Set.of() : Set.copyOf(b.groupBy);
    this.threshold = requireNonNull(b.threshold, "condition");
  }

  /** @param counter the store's {@code logCounter()} capability */
  public static Builder builder(LogCounter counter, String tenant) {
    return new Builder(counter, tenant);
  }

  @Override
  public List<ConditionSample> evaluate(Instant at) {
    LogCountQuery.Builder q = LogCountQuery.builder(tenant).range(Windows.ending(at, window)).service(service)
        .minSeverityNumber(minSeverityNumber).bodyContains(bodyContains).groupBy(groupBy);
    attributes.forEach(q::attribute);
    List<CountRow> rows;
    try {
      rows = counter.countLogs(q.build());
    } catch (StorageException e) {
      throw new AlertConditionException("counting logs failed: " + e.getMessage(), e);
    }
    List<ConditionSample> out = new ArrayList<>();
    for (CountRow row : rows) {
      if (threshold.holds(row.count())) {
        Map<String, String> labels = new LinkedHashMap<>(row.group());
        if (service != null) {
          labels.putIfAbsent("service", service);
        }
        out.add(new ConditionSample(labels, row.count(), Map.of("window", Windows.format(window),
            "condition", "count " + threshold)));
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "count of logs" + (service == null ? "" : " of " + service) + " over " + Windows.format(window)
        + " " + threshold;
  }

  /** Builds a {@link LogCountCondition}; {@code window} and {@code condition} are required. */
  public static final class Builder {
    private final LogCounter counter;
    private final String tenant;
    private @Nullable Duration window;
    private @Nullable String service;
    private int minSeverityNumber;
    private @Nullable String bodyContains;
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final Set<Dimension> groupBy = EnumSet.noneOf(Dimension.class);
    private @Nullable Threshold threshold;

    private Builder(LogCounter counter, String tenant) {
      this.counter = requireNonNull(counter, "counter");
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

    /** A name ({@code error}, {@code warn}…) or a severity number; see {@link SeverityLevel}. */
    public Builder minSeverity(@Nullable String severity) {
      this.minSeverityNumber = severity == null ? 0 : SeverityLevel.parseNumber(severity);
      return this;
    }

    /** Case-insensitive text the body must contain. */
    public Builder bodyContains(@Nullable String text) {
      this.bodyContains = text;
      return this;
    }

    /** The record's own or its resource's attribute must have this value. */
    public Builder attribute(String key, String value) {
      if (key.isEmpty()) {
        throw new IllegalArgumentException("attributes: a key is empty");
      }
      attributes.put(key, requireNonNull(value, "attributes." + key));
      return this;
    }

    /** Labels among {@code service} and {@code severity_text}. */
    public Builder groupBy(List<String> labels) {
      labels.forEach(l -> groupBy.add(Dimension.parse(l)));
      return this;
    }

    public Builder condition(Threshold threshold) {
      this.threshold = requireNonNull(threshold, "condition");
      return this;
    }

    /** For example {@code "> 10"}; see {@link Threshold#parse}. */
    public Builder condition(String condition) {
      return condition(Threshold.parse(condition));
    }

    /**
     * @throws IllegalArgumentException naming {@code window} or {@code condition} when missing
     */
    public LogCountCondition build() {
      if (window == null) {
        throw new IllegalArgumentException("window is required, such as 5m");
      }
      if (threshold == null) {
        throw new IllegalArgumentException("condition is required, such as \"> 10\"");
      }
      return new LogCountCondition(this);
    }
  }
}
