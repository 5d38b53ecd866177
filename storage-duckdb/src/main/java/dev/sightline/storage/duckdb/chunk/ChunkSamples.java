package dev.sightline.storage.duckdb.chunk;

import static java.util.Objects.requireNonNull;

/** The samples of one chunk, oldest first: millisecond timestamps and values, {@code size} of each. */
public record ChunkSamples(long[] timestamps, double[] values, int size) {
  public ChunkSamples {
    requireNonNull(timestamps, "timestamps");
    requireNonNull(values, "values");
    if (size > timestamps.length || size > values.length) {
      throw new IllegalArgumentException("size " + size + " exceeds the arrays");
    }
  }
}
