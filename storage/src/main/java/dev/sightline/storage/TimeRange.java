package dev.sightline.storage;

/** An inclusive range of Unix epoch nanoseconds. */
public record TimeRange(long startNanos, long endNanos) {

  public TimeRange {
    if (endNanos < startNanos) {
      throw new IllegalArgumentException(
          "time range ends before it starts: start=" + startNanos + ", end=" + endNanos);
    }
  }

  public static TimeRange all() {
    return new TimeRange(0, Long.MAX_VALUE);
  }
}
