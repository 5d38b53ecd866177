package dev.sightline.storage;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Counts log records matching every given condition (as {@link LogQuery} matches them), grouped
 * by the chosen dimensions.
 */
public record LogCountQuery(
    String tenant,
    TimeRange range,
    @Nullable String service,
    int minSeverityNumber,
    @Nullable String bodyContains,
    List<AttributeFilter> attributes,
    Set<Dimension> groupBy) {

  public LogCountQuery {
    requireNonNull(tenant, "tenant");
    requireNonNull(range, "range");
    attributes = List.copyOf(attributes);
    groupBy = groupBy.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(groupBy));
    if (minSeverityNumber < 0 || minSeverityNumber > 24) {
      throw new IllegalArgumentException("minSeverityNumber must lie in 0..24, was " + minSeverityNumber);
    }
  }

  /**
   * What log counts can be grouped by, named as in alert labels. A record without a severity text
   * groups under the short name of its severity number ({@code ERROR} for 17–20), so that
   * records from loggers that only set the number still group sensibly.
   */
  public enum Dimension {
    SERVICE,
    SEVERITY_TEXT;

    /** The label name: {@code service}, {@code severity_text}. */
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
      throw new IllegalArgumentException("group_by of a log count takes service or severity_text; was \""
          + label + "\"");
    }
  }

  public static Builder builder(String tenant) {
    return new Builder(tenant);
  }

  /** Builds a {@link LogCountQuery}; unset conditions match everything, no dimensions count all. */
  public static final class Builder {
    private final String tenant;
    private TimeRange range = TimeRange.all();
    private @Nullable String service;
    private int minSeverityNumber;
    private @Nullable String bodyContains;
    private final List<AttributeFilter> attributes = new ArrayList<>();
    private final Set<Dimension> groupBy = EnumSet.noneOf(Dimension.class);

    private Builder(String tenant) {
      this.tenant = tenant;
    }

    public Builder range(TimeRange range) { this.range = range; return this; }
    public Builder service(@Nullable String service) { this.service = service; return this; }
    public Builder minSeverityNumber(int severity) { this.minSeverityNumber = severity; return this; }
    public Builder bodyContains(@Nullable String text) { this.bodyContains = text; return this; }
    public Builder attribute(String key, String value) { attributes.add(new AttributeFilter(key, value)); return this; }
    public Builder groupBy(Dimension... dimensions) { groupBy.addAll(List.of(dimensions)); return this; }
    public Builder groupBy(Set<Dimension> dimensions) { groupBy.addAll(dimensions); return this; }

    public LogCountQuery build() {
      return new LogCountQuery(tenant, range, service, minSeverityNumber, bodyContains, attributes, groupBy);
    }
  }
}
