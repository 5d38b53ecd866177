package dev.sightline.ingestlog;

import static java.util.Objects.requireNonNull;

import dev.sightline.security.atrest.BlobCipher;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Configuration of a {@link SegmentLog}.
 *
 * @param directory where the segment files live; created when missing
 * @param segmentBytes size at which the active segment is sealed and a new one started (at least
 *     1024); segments are deleted whole, so this is also the granularity of releasing space
 * @param queueCapacity appends that may wait for the next group commit before appends are refused
 *     with a retryable {@link LogFullException}
 * @param maxBacklogBytes bytes not yet stored (above the last released sequence) beyond which
 *     appends are refused until the pipeline catches up
 * @param cipher encrypts each entry's tenant, sender and payload when set; entries written
 *     without one stay readable, entries written with one need it (any of its key versions)
 */
public record SegmentLogConfig(Path directory, long segmentBytes, int queueCapacity, long maxBacklogBytes,
    @Nullable BlobCipher cipher) {
  public SegmentLogConfig(Path directory, long segmentBytes, int queueCapacity, long maxBacklogBytes) {
    this(directory, segmentBytes, queueCapacity, maxBacklogBytes, null);
  }

  /** This configuration with entries encrypted by {@code cipher}. */
  public SegmentLogConfig withCipher(BlobCipher cipher) {
    return new SegmentLogConfig(directory, segmentBytes, queueCapacity, maxBacklogBytes, requireNonNull(cipher, "cipher"));
  }

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
