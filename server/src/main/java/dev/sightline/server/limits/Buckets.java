package dev.sightline.server.limits;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Token buckets by subject (a caller or a tenant), bounded so that a flood of addresses cannot grow memory. */
final class Buckets {
  private static final int MAX_SUBJECTS = 100_000;
  private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
  private final double rate;

  Buckets(double rate) {
    this.rate = rate;
  }

  boolean on() {
    return rate > 0;
  }

  /** Takes {@code n} tokens from the subject's bucket: 0 when taken, else the seconds to wait. */
  long take(String subject, double n, long nowMs) {
    if (rate <= 0) {
      return 0;
    }
    if (buckets.size() > MAX_SUBJECTS) {
      buckets.clear();
    }
    TokenBucket b = buckets.computeIfAbsent(subject, k -> new TokenBucket(rate, Math.max(rate, n), nowMs));
    synchronized (b) {
      return b.take(n, nowMs);
    }
  }
}
