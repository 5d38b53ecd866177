package dev.sightline.storage.tier;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How long a signal's data stays in each tier, counted from the data's own time: data older than
 * {@code hot} leaves the hot store for the next tier with a longer limit, and data older than the
 * longest limit is deleted. A tier whose limit is not above the previous one's is skipped.
 */
public record Retention(Duration hot, Duration warm, Duration cold, Duration archive) {

  public Retention {
    requireNonNull(hot, "hot");
    requireNonNull(warm, "warm");
    requireNonNull(cold, "cold");
    requireNonNull(archive, "archive");
    if (hot.isNegative() || hot.isZero()) {
      throw new IllegalArgumentException("the hot retention must be positive, was " + hot);
    }
    for (Duration d : new Duration[] {warm, cold, archive}) {
      if (d.isNegative()) {
        throw new IllegalArgumentException("a retention must not be negative, was " + d);
      }
    }
  }

  /** The platform's data policy: traces 7 d hot, 30 d warm, 1 y cold, 7 y archive. */
  public static final Retention TRACES = new Retention(Duration.ofDays(7), Duration.ofDays(30),
      Duration.ofDays(365), Duration.ofDays(7 * 365));
  /** Metrics: 1 d hot at full resolution, 7 d warm, 90 d cold, 2 y archive. */
  public static final Retention METRICS = new Retention(Duration.ofDays(1), Duration.ofDays(7),
      Duration.ofDays(90), Duration.ofDays(2 * 365));
  /** Logs: 3 d hot, 30 d warm, 1 y cold, 7 y archive. */
  public static final Retention LOGS = new Retention(Duration.ofDays(3), Duration.ofDays(30),
      Duration.ofDays(365), Duration.ofDays(7 * 365));

  public static Retention defaultFor(SignalType signal) {
    return switch (signal) {
      case TRACES -> TRACES;
      case METRICS -> METRICS;
      case LOGS -> LOGS;
    };
  }

  public Duration limit(Tier tier) {
    return switch (tier) {
      case HOT -> hot;
      case WARM -> warm;
      case COLD -> cold;
      case ARCHIVE -> archive;
    };
  }

  /** Whether data is kept in {@code tier} at all: its limit is above every earlier tier's. */
  public boolean uses(Tier tier) {
    Duration longest = Duration.ZERO;
    for (Tier t : Tier.values()) {
      if (t == tier) {
        return limit(t).compareTo(longest) > 0;
      }
      longest = longest.compareTo(limit(t)) > 0 ? longest : limit(t);
    }
    return false;
  }

  /** Where data of this age belongs, or null when it is past the last tier and is deleted. */
  public @org.jspecify.annotations.Nullable Tier tierFor(Duration age) {
    for (Tier t : Tier.values()) {
      if (uses(t) && age.compareTo(limit(t)) < 0) {
        return t;
      }
    }
    return null;
  }

  /** The age past which data is deleted. */
  public Duration total() {
    Duration longest = Duration.ZERO;
    for (Tier t : Tier.values()) {
      longest = longest.compareTo(limit(t)) > 0 ? longest : limit(t);
    }
    return longest;
  }
}
