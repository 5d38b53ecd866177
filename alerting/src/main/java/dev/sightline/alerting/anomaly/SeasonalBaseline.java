package dev.sightline.alerting.anomaly;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
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
 * ({@link Seasonality#NONE}). The window is centred on the time rather than on the clock hour so
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

  private SeasonalBaseline(Builder b) {
    this.seasonality = b.seasonality;
    this.sensitivity = b.sensitivity;
    this.direction = b.direction;
    this.minWidth = b.minWidth;
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

  /**
   * The expected band at {@code atMs} from the points of a series (timestamps ascending,
   * milliseconds). Empty when the series' first value is younger than {@code minHistory} before
   * {@code atMs} or too few comparable values exist: then the series is never flagged. NaN and
   * infinite values are ignored; points at or after {@code atMs} never count.
   */
  public Optional<Band> band(long[] timestamps, double[] values, long atMs) {
    if (timestamps.length != values.length) {
      throw new IllegalArgumentException("timestamps and values differ in length: " + timestamps.length
          + " and " + values.length);
    }
    long first = Long.MAX_VALUE;
    double[] comparable = new double[values.length];
    int n = 0;
    long earliest = atMs - history.toMillis();
    for (int i = 0; i < timestamps.length; i++) {
      long t = timestamps[i];
      double v = values[i];
      if (!Double.isFinite(v) || t >= atMs) {
        continue;
      }
      first = Math.min(first, t);
      if (t >= earliest && comparable(atMs - t)) {
        comparable[n++] = v;
      }
    }
    if (first == Long.MAX_VALUE || atMs - first < minHistory.toMillis() || n < MIN_SAMPLES) {
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

  /** Whether a point {@code ageMs} before the evaluated time is comparable with it. */
  private boolean comparable(long ageMs) {
    if (seasonality == Seasonality.NONE) {
      return ageMs > 0;
    }
    long period = seasonality.period().toMillis();
    // Past seasons only: today's values, a spike among them, must not make the spike look normal.
    if (ageMs < period - HALF_SEASON_WINDOW_MS) {
      return false;
    }
    long phase = ageMs % period;
    return phase <= HALF_SEASON_WINDOW_MS || phase >= period - HALF_SEASON_WINDOW_MS;
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
     * @throws IllegalArgumentException when the history cannot hold one season
     */
    public SeasonalBaseline build() {
      return new SeasonalBaseline(this);
    }
  }
}
