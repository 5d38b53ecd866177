package dev.sightline.storage;

import static java.util.Objects.requireNonNull;

import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Aggregates the spans that start within {@code range} and match every given condition, per group
 * of the chosen dimensions; {@code quantile} (0..1) selects the latency quantile computed.
 */
public record SpanStatsQuery(
    String tenant,
    TimeRange range,
    @Nullable String service,
    @Nullable String spanName,
    @Nullable SpanKind kind,
    List<AttributeFilter> attributes,
    Set<Dimension> groupBy,
    double quantile) {

  public SpanStatsQuery {
    requireNonNull(tenant, "tenant");
    requireNonNull(range, "range");
    attributes = List.copyOf(attributes);
    groupBy = groupBy.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(groupBy));
    if (!(quantile >= 0 && quantile <= 1)) {
      throw new IllegalArgumentException("quantile must lie in 0..1, was " + quantile);
    }
  }

  /** What span statistics can be grouped by, named as in alert labels. */
  public enum Dimension {
    SERVICE,
    SPAN_NAME;

    /** The label name: {@code service}, {@code span_name}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException naming the field and the accepted values
     */
    public static Dimension parse(String label) {
      for (Dimension d : values()) {
        if (d.label().equals(label.trim().toLowerCase(Locale.ROOT))) {
          return d;
        }
      }
      throw new IllegalArgumentException("group_by of span statistics takes service or span_name; was \""
          + label + "\"");
    }
  }

  public static Builder builder(String tenant) {
    return new Builder(tenant);
  }

  /** Builds a {@link SpanStatsQuery}; unset conditions match everything, the quantile is 0.99. */
  public static final class Builder {
    private final String tenant;
    private TimeRange range = TimeRange.all();
    private @Nullable String service;
    private @Nullable String spanName;
    private @Nullable SpanKind kind;
    private final List<AttributeFilter> attributes = new ArrayList<>();
    private final Set<Dimension> groupBy = EnumSet.noneOf(Dimension.class);
    private double quantile = 0.99;

    private Builder(String tenant) {
      this.tenant = tenant;
    }

    public Builder range(TimeRange range) { this.range = range; return this; }
    public Builder service(@Nullable String service) { this.service = service; return this; }
    public Builder spanName(@Nullable String name) { this.spanName = name; return this; }
    public Builder kind(@Nullable SpanKind kind) { this.kind = kind; return this; }
    public Builder attribute(String key, String value) { attributes.add(new AttributeFilter(key, value)); return this; }
    public Builder groupBy(Dimension... dimensions) { groupBy.addAll(List.of(dimensions)); return this; }
    public Builder groupBy(Set<Dimension> dimensions) { groupBy.addAll(dimensions); return this; }
    public Builder quantile(double quantile) { this.quantile = quantile; return this; }

    public SpanStatsQuery build() {
      return new SpanStatsQuery(tenant, range, service, spanName, kind, attributes, groupBy, quantile);
    }
  }
}
