package dev.sightline.storage;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Finds log records matching every given condition, newest first. */
public record LogQuery(
    String tenant,
    TimeRange range,
    @Nullable String service,
    int minSeverityNumber,
    @Nullable String bodyContains,
    List<AttributeFilter> attributes,
    @Nullable String traceId,
    int limit,
    @Nullable PageCursor cursor) {

  public LogQuery {
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

  /** Builds a {@link LogQuery}; unset conditions match everything. */
  public static final class Builder {
    private final String tenant;
    private TimeRange range = TimeRange.all();
    private @Nullable String service;
    private int minSeverityNumber;
    private @Nullable String bodyContains;
    private final List<AttributeFilter> attributes = new ArrayList<>();
    private @Nullable String traceId;
    private int limit = 100;
    private @Nullable PageCursor cursor;

    private Builder(String tenant) {
      this.tenant = tenant;
    }

    public Builder range(TimeRange range) { this.range = range; return this; }
    public Builder service(@Nullable String service) { this.service = service; return this; }
    public Builder minSeverityNumber(int severity) { this.minSeverityNumber = severity; return this; }
    public Builder bodyContains(@Nullable String text) { this.bodyContains = text; return this; }
    public Builder attribute(String key, String value) { attributes.add(new AttributeFilter(key, value)); return this; }
    /** Lowercase hex trace id. */
    public Builder traceId(@Nullable String traceId) { this.traceId = traceId; return this; }
    public Builder limit(int limit) { this.limit = limit; return this; }
    public Builder cursor(@Nullable PageCursor cursor) { this.cursor = cursor; return this; }

    public LogQuery build() {
      return new LogQuery(tenant, range, service, minSeverityNumber, bodyContains, attributes,
          traceId, limit, cursor);
    }
  }
}
