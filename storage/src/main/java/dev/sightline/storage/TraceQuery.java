package dev.sightline.storage;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Finds traces with at least one span matching every given condition, newest first by the start
 * of their earliest matching span.
 */
public record TraceQuery(
    String tenant,
    TimeRange range,
    @Nullable String service,
    @Nullable String operation,
    List<AttributeFilter> attributes,
    @Nullable Long minDurationNanos,
    @Nullable Long maxDurationNanos,
    boolean errorsOnly,
    int limit,
    @Nullable PageCursor cursor) {

  public TraceQuery {
    requireNonNull(tenant, "tenant");
    requireNonNull(range, "range");
    attributes = List.copyOf(attributes);
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
  }

  public static Builder builder(String tenant) {
    return new Builder(tenant);
  }

  /** Builds a {@link TraceQuery}; unset conditions match everything. */
  public static final class Builder {
    private final String tenant;
    private TimeRange range = TimeRange.all();
    private @Nullable String service;
    private @Nullable String operation;
    private final List<AttributeFilter> attributes = new ArrayList<>();
    private @Nullable Long minDurationNanos;
    private @Nullable Long maxDurationNanos;
    private boolean errorsOnly;
    private int limit = 20;
    private @Nullable PageCursor cursor;

    private Builder(String tenant) {
      this.tenant = tenant;
    }

    public Builder range(TimeRange range) { this.range = range; return this; }
    public Builder service(@Nullable String service) { this.service = service; return this; }
    public Builder operation(@Nullable String operation) { this.operation = operation; return this; }
    public Builder attribute(String key, String value) { attributes.add(new AttributeFilter(key, value)); return this; }
    public Builder minDurationNanos(@Nullable Long nanos) { this.minDurationNanos = nanos; return this; }
    public Builder maxDurationNanos(@Nullable Long nanos) { this.maxDurationNanos = nanos; return this; }
    public Builder errorsOnly(boolean errorsOnly) { this.errorsOnly = errorsOnly; return this; }
    public Builder limit(int limit) { this.limit = limit; return this; }
    public Builder cursor(@Nullable PageCursor cursor) { this.cursor = cursor; return this; }

    public TraceQuery build() {
      return new TraceQuery(tenant, range, service, operation, attributes, minDurationNanos,
          maxDurationNanos, errorsOnly, limit, cursor);
    }
  }
}
