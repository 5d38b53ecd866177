package dev.sightline.alerting.signals;

import dev.sightline.query.promql.Durations;
import dev.sightline.storage.TimeRange;
import java.time.Duration;
import java.time.Instant;

/** The evaluation window of log and trace rules. */
final class Windows {
  private Windows() {}

  static Duration check(Duration window) {
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be positive; was " + window);
    }
    return window;
  }

  /** {@code [at - window, at]} in nanoseconds, inclusive as storage ranges are. */
  static TimeRange ending(Instant at, Duration window) {
    long end = nanos(at);
    return new TimeRange(Math.max(0, end - window.toNanos()), end);
  }

  private static long nanos(Instant at) {
    return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000_000L), at.getNano());
  }

  /** How rules write durations: {@code 5m}, {@code 1h30m}, {@code 90s}. */
  static String format(Duration d) {
    return Durations.format(d.toMillis());
  }
}
