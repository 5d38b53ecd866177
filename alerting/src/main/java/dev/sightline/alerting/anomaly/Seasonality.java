package dev.sightline.alerting.anomaly;

import java.time.Duration;
import java.util.Locale;

/**
 * Which past values a series is compared with: a trailing window ({@code none}), the same time of
 * day on past days ({@code hour_of_day}) or the same weekday and time on past weeks
 * ({@code day_of_week_hour}). Times are UTC.
 */
public enum Seasonality {
  NONE(Duration.ZERO, Duration.ofMinutes(30), Duration.ofHours(1)),
  HOUR_OF_DAY(Duration.ofDays(1), Duration.ofDays(3), Duration.ofDays(7)),
  DAY_OF_WEEK_HOUR(Duration.ofDays(7), Duration.ofDays(14), Duration.ofDays(28));

  private final Duration period;
  private final Duration defaultMinHistory;
  private final Duration defaultHistory;

  Seasonality(Duration period, Duration defaultMinHistory, Duration defaultHistory) {
    this.period = period;
    this.defaultMinHistory = defaultMinHistory;
    this.defaultHistory = defaultHistory;
  }

  /** The length of one season; zero for {@link #NONE}. */
  public Duration period() {
    return period;
  }

  /** How much history a series needs before it is ever flagged, unless the rule says otherwise. */
  public Duration defaultMinHistory() {
    return defaultMinHistory;
  }

  /** How far back values are read, unless the rule says otherwise; for NONE the trailing window. */
  public Duration defaultHistory() {
    return defaultHistory;
  }

  /** The name rules use: {@code none}, {@code hour_of_day}, {@code day_of_week_hour}. */
  public String ruleName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws IllegalArgumentException naming the field and the accepted values
   */
  public static Seasonality parse(String value) {
    for (Seasonality s : values()) {
      if (s.ruleName().equals(value.trim().toLowerCase(Locale.ROOT))) {
        return s;
      }
    }
    throw new IllegalArgumentException("seasonality must be one of none, hour_of_day, day_of_week_hour; was \""
        + value + "\"");
  }
}
