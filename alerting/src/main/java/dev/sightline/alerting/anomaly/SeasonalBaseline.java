package dev.sightline.alerting.anomaly;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The expected band of a series at one time, learnt from the series' own past with robust
 * statistics: the median of the comparable past values and their median absolute deviation (MAD,
 * scaled by 1.4826 so that it estimates the standard deviation of normal noise). Median and MAD
 * ignore the odd outlier in the history, which mean and standard deviation would not: one past
 * incident must not widen the band for weeks.
 *
 * <p>Comparable values are those within half an hour either side of the same time of day on past
 * days ({@link Seasonality#HOUR_OF_DAY}), of the same weekday and time on past weeks
 * ({@link Seasonality#DAY_OF_WEEK_HOUR}), or of the trailing window before the time
 * ({@link Seasonality#NONE}), in the baseline's time zone (UTC by default). The window is centred on the time rather than on the clock hour so
 * that a steep daily ramp is compared with values of the same phase, not with a whole hour of it.
 *
 * <p>The band is {@code median ± sensitivity × width}, where the width is the scaled MAD but at
 * least 1 % of the median and at least {@code minWidth}: a flat series has a MAD of zero and would
 * otherwise flag every rounding difference. Pure and thread-safe.
 */
public final class SeasonalBaseline {
  static final double MAD_SCALE = 1.4826;
  static final double MIN_RELATIVE_WIDTH = 0.01;
  /** Fewer comparable values than this say too little about what is normal. */
  static final int MIN_SAMPLES = 3;
  private static final long HALF_SEASON_WINDOW_MS = Duration.ofMinutes(30).toMillis();

  private final Seasonality seasonality;
  private final double sensitivity;
  private final Duration minHistory;
  private final Duration history;
  private final Direction direction;
  private final double minWidth;
  private final ZoneId zone;

  private SeasonalBaseline(Builder b) {
    this.seasonality = b.seasonality;
    this.sensitivity = b.sensitivity;
    this.direction = b.direction;
    this.minWidth = b.minWidth;
    this.zone = b.zone;
    this.minHistory = b.minHistory != null ? b.minHistory : seasonality.defaultMinHistory();
    this.history = b.history != null ? b.history : seasonality.defaultHistory();
    if (seasonality != Seasonality.NONE && history.compareTo(seasonality.period()) < 0) {
      throw new IllegalArgumentException("history must cover at least one season of " + seasonality.ruleName()
          + " (" + seasonality.period() + "); was " + history);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  public Seasonality seasonality() {
    return seasonality;
  }

  public double sensitivity() {
    return sensitivity;
  }

  public Duration minHistory() {
    return minHistory;
  }

  /** How far before the evaluated time values are used: past seasons, or the trailing window. */
  public Duration history() {
    return history;
  }

  public Direction direction() {
    return direction;
  }

  public double minWidth() {
    return minWidth;
  }

  /** Whose clock "the same time of day" follows; UTC unless the rule says otherwise. */
  public ZoneId zone() {
    return zone;
  }

  /**
   * The expected band at {@code atMs} from the points of a series (timestamps strictly ascending,
   * milliseconds, as a range query returns them). Empty when the series' first value is younger
   * than {@code minHistory} before {@code atMs} or too few comparable values exist: then the series is never flagged. NaN and
   * infinite values are ignored; points at or after {@code atMs} never count.
   */
  public Optional<Band> band(long[] timestamps, double[] values, long atMs) {
    if (timestamps.length != values.length) {
      throw new IllegalArgumentException("timestamps and values differ in length: " + timestamps.length
          + " and " + values.length);
    }
    long first = Long.MAX_VALUE;
    for (int i = 0; i < timestamps.length && first == Long.MAX_VALUE; i++) {
      if (Double.isFinite(values[i]) && timestamps[i] < atMs) {
        first = timestamps[i];
      }
    }
    if (first == Long.MAX_VALUE || atMs - first < minHistory.toMillis()) {
      return Optional.empty();
    }
    double[] comparable = new double[values.length];
    int n = 0;
    long earliest = atMs - history.toMillis();
    if (seasonality == Seasonality.NONE) {
      n = collect(timestamps, values, earliest, atMs - 1, comparable, n);
    } else {
      ZonedDateTime local = Instant.ofEpochMilli(atMs).atZone(zone);
      // Past seasons only: today's values, a spike among them, must not make the spike look normal.
      for (int season = 1; ; season++) {
        long centre = (seasonality == Seasonality.HOUR_OF_DAY ? local.minusDays(season) : local.minusWeeks(season))
            .toInstant().toEpochMilli();
        if (centre + HALF_SEASON_WINDOW_MS < earliest) {
          break;
        }
        n = collect(timestamps, values, Math.max(earliest, centre - HALF_SEASON_WINDOW_MS),
            centre + HALF_SEASON_WINDOW_MS, comparable, n);
      }
    }
    if (n < MIN_SAMPLES) {
      return Optional.empty();
    }
    double[] past = Arrays.copyOf(comparable, n);
    double median = median(past);
    for (int i = 0; i < n; i++) {
      past[i] = Math.abs(past[i] - median);
    }
    double width = Math.max(MAD_SCALE * median(past), Math.max(MIN_RELATIVE_WIDTH * Math.abs(median), minWidth));
    return Optional.of(new Band(median, median - sensitivity * width, median + sensitivity * width, n));
  }

  /**
   * The band when {@code observed} at {@code atMs} lies outside it on the rule's side; empty when
   * it is normal, not a number, or the history is too short to say.
   */
  public Optional<Band> anomaly(long[] timestamps, double[] values, long atMs, double observed) {
    if (!Double.isFinite(observed)) {
      return Optional.empty();
    }
    return band(timestamps, values, atMs).filter(b -> direction.outside(observed, b));
  }

  /**
   * Appends the finite values with timestamps in {@code [fromMs, toMs]} to {@code into} from
   * index {@code n}; returns the new count. Timestamps are ascending, so a binary search finds the
   * first.
   */
  private static int collect(long[] timestamps, double[] values, long fromMs, long toMs, double[] into, int n) {
    int i = Arrays.binarySearch(timestamps, fromMs);
    if (i < 0) {
      i = -i - 1;
    }
    for (; i < timestamps.length && timestamps[i] <= toMs; i++) {
      if (Double.isFinite(values[i])) {
        into[n++] = values[i];
      }
    }
    return n;
  }

  /** The median of {@code values}, which it sorts. */
  static double median(double[] values) {
    Arrays.sort(values);
    int n = values.length;
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  }

  /** Builds a {@link SeasonalBaseline}; unset durations take the seasonality's defaults. */
  public static final class Builder {
    private Seasonality seasonality = Seasonality.HOUR_OF_DAY;
    private double sensitivity = 3;
    private @Nullable Duration minHistory;
    private @Nullable Duration history;
    private Direction direction = Direction.BOTH;
    private double minWidth = 1e-9;
    private ZoneId zone = ZoneOffset.UTC;

    private Builder() {}

    public Builder seasonality(Seasonality seasonality) {
      this.seasonality = requireNonNull(seasonality, "seasonality");
      return this;
    }

    /** How many widths (scaled MADs) from the median a value may lie; 3 by default. */
    public Builder sensitivity(double sensitivity) {
      if (!(sensitivity > 0) || Double.isInfinite(sensitivity)) {
        throw new IllegalArgumentException("sensitivity must be a positive number; was " + sensitivity);
      }
      this.sensitivity = sensitivity;
      return this;
    }

    public Builder minHistory(Duration minHistory) {
      if (minHistory.isNegative()) {
        throw new IllegalArgumentException("min_history must not be negative; was " + minHistory);
      }
      this.minHistory = minHistory;
      return this;
    }

    /** How far back values are used (for {@code none}, the trailing window). */
    public Builder history(Duration history) {
      if (history.isNegative() || history.isZero()) {
        throw new IllegalArgumentException("history must be positive; was " + history);
      }
      this.history = history;
      return this;
    }

    public Builder direction(Direction direction) {
      this.direction = requireNonNull(direction, "direction");
      return this;
    }

    /** The least width of the band in the series' unit, so that near-zero series stay quiet. */
    public Builder minWidth(double minWidth) {
      if (!(minWidth >= 0) || Double.isInfinite(minWidth)) {
        throw new IllegalArgumentException("min_width must be a non-negative number; was " + minWidth);
      }
      this.minWidth = minWidth;
      return this;
    }

    /**
     * The time zone whose days and weeks seasons follow, so that a daily pattern that moves with
     * daylight saving time is compared with the same local hour.
     */
    public Builder zone(ZoneId zone) {
      this.zone = requireNonNull(zone, "zone");
      return this;
    }

    /**
     * @throws IllegalArgumentException when the history cannot hold one season
     */
    public SeasonalBaseline build() {
      return new SeasonalBaseline(this);
    }
  }
}
