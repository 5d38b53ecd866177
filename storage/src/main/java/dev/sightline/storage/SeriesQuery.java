package dev.sightline.storage;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** Series whose labels satisfy every matcher, with their points in the range. */
public record SeriesQuery(String tenant, List<LabelMatcher> matchers, TimeRange range, int limit) {
  public SeriesQuery {
    requireNonNull(tenant, "tenant");
    requireNonNull(range, "range");
    matchers = List.copyOf(matchers);
    if (matchers.isEmpty()) {
      throw new IllegalArgumentException("a series query needs at least one matcher");
    }
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
  }
}
