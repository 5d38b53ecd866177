package dev.sightline.server.limits;

/**
 * A token bucket: {@code rate} tokens a second up to {@code burst}; time comes from the caller, in
 * milliseconds, so that tests move it by hand. Not thread-safe: callers hold its lock.
 */
final class TokenBucket {
  private final double rate;
  private final double burst;
  private double tokens;
  private long lastMs;

  TokenBucket(double rate, double burst, long nowMs) {
    this.rate = rate;
    this.burst = burst;
    this.tokens = burst;
    this.lastMs = nowMs;
  }

  /** Takes {@code n} tokens if there are; else returns the seconds until there will be (at least 1). */
  long take(double n, long nowMs) {
    tokens = Math.min(burst, tokens + (nowMs - lastMs) / 1000.0 * rate);
    lastMs = Math.max(lastMs, nowMs);
    if (tokens >= n) {
      tokens -= n;
      return 0;
    }
    return Math.max(1, (long) Math.ceil((Math.min(n, burst) - tokens) / rate));
  }
}
