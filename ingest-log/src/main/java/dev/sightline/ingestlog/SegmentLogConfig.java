package dev.sightline.ingestlog;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * Where the segment files live, when a segment is rolled, how many appends may wait for the next
 * group commit, and how many unstored bytes the log holds before it refuses appends.
 */
public record SegmentLogConfig(Path directory, long segmentBytes, int queueCapacity, long maxBacklogBytes) {
  public SegmentLogConfig {
    requireNonNull(directory, "directory");
    if (segmentBytes < 1024) {
      throw new IllegalArgumentException("segmentBytes must be at least 1024, was " + segmentBytes);
    }
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("queueCapacity must be at least 1, was " + queueCapacity);
    }
    if (maxBacklogBytes < 1) {
      throw new IllegalArgumentException("maxBacklogBytes must be positive, was " + maxBacklogBytes);
    }
  }
}
