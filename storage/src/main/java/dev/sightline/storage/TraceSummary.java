package dev.sightline.storage;

import java.util.List;

/** A trace found by a search: its root, extent and size. */
public record TraceSummary(
    String traceId,
    String rootService,
    String rootName,
    long startNanos,
    long durationNanos,
    int spanCount,
    int errorCount,
    List<String> services) {
  public TraceSummary {
    services = List.copyOf(services);
  }
}
