package dev.sightline.alerting.notify;

import java.time.Duration;

/**
 * How a failed delivery is retried: after {@code initialBackoff}, doubling up to {@code maxBackoff},
 * at most {@code maxAttempts} attempts in all and none started after {@code maxElapsed}.
 */
public record RetryPolicy(Duration initialBackoff, Duration maxBackoff, int maxAttempts, Duration maxElapsed) {
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(1), 6, Duration.ofMinutes(5));

  public RetryPolicy {
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("retry: max_backoff must be at least initial_backoff");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("retry.max_attempts: must be at least 1, got " + maxAttempts);
    }
  }

  /** The wait before attempt {@code attempt + 1}, after {@code attempt} failures. */
  public Duration backoff(int attempt) {
    Duration d = initialBackoff;
    for (int i = 1; i < attempt && d.compareTo(maxBackoff) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
  }
}
