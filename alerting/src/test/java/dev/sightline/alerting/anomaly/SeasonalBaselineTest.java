package dev.sightline.alerting.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SeasonalBaselineTest {
  private static final long STEP = Duration.ofMinutes(5).toMillis();
  private static final long DAY = Duration.ofDays(1).toMillis();
  /** 2026-01-05T00:00:00Z, a Monday. */
  private static final long START = 1_767_571_200_000L;

  /** Latency in ms: a daily wave between 70 and 130 with ±5 % noise, every 5 minutes. */
  private static double[] dailyWave(long[] t, long seed) {
    Random random = new Random(seed);
    double[] v = new double[t.length];
    for (int i = 0; i < t.length; i++) {
      double phase = 2 * Math.PI * ((t[i] - START) % DAY) / DAY;
      v[i] = (100 + 30 * Math.sin(phase)) * (1 + 0.1 * (random.nextDouble() - 0.5));
    }
    return v;
  }

  private static long[] times(Duration span) {
    long[] t = new long[(int) (span.toMillis() / STEP)];
    for (int i = 0; i < t.length; i++) {
      t[i] = START + i * STEP;
    }
    return t;
  }

  private static SeasonalBaseline.Builder hourOfDay() {
    return SeasonalBaseline.builder().seasonality(Seasonality.HOUR_OF_DAY).sensitivity(3)
        .minHistory(Duration.ofDays(3)).direction(Direction.ABOVE);
  }

  @Test
  void aSteadyDailyWaveIsNeverFlaggedAtAnyHour() {
    long[] t = times(Duration.ofDays(7));
    double[] v = dailyWave(t, 42);
    SeasonalBaseline baseline = hourOfDay().direction(Direction.BOTH).build();
    int evaluated = 0;
    for (int i = 0; i < t.length; i++) {
      if (t[i] - START >= 3 * DAY) {
        assertThat(baseline.band(t, v, t[i])).as("band at point %d", i).isPresent();
        assertThat(baseline.anomaly(t, v, t[i], v[i])).as("point %d", i).isEmpty();
        evaluated++;
      }
    }
    assertThat(evaluated).isEqualTo(4 * 288);
  }

  @Test
  void aFiveFoldSpikeIsFlaggedWithTheBandItLeft() {
    long[] t = times(Duration.ofDays(5));
    double[] v = dailyWave(t, 7);
    int spike = (int) ((4 * DAY + Duration.ofHours(6).toMillis()) / STEP);
    v[spike] *= 5;
    v[spike + 1] *= 5;
    SeasonalBaseline baseline = hourOfDay().build();

    Band band = baseline.anomaly(t, v, t[spike + 1], v[spike + 1]).orElseThrow();
    assertThat(band.expected()).as("the peak of the wave").isBetween(120.0, 135.0);
    assertThat(band.high()).isLessThan(v[spike + 1] / 2);
    assertThat(band.samples()).isEqualTo(4 * 13);
    assertThat(baseline.anomaly(t, v, t[spike], v[spike])).isPresent();
    assertThat(baseline.anomaly(t, v, t[spike + 2], v[spike + 2])).as("after the spike").isEmpty();
  }

  @Test
  void aDropIsFlaggedOnlyWhenTheDirectionAsksForIt() {
    long[] t = times(Duration.ofDays(4));
    double[] v = dailyWave(t, 3);
    int last = t.length - 1;
    v[last] = 10;
    assertThat(hourOfDay().direction(Direction.ABOVE).build().anomaly(t, v, t[last], v[last])).isEmpty();
    assertThat(hourOfDay().direction(Direction.BELOW).build().anomaly(t, v, t[last], v[last])).isPresent();
    assertThat(hourOfDay().direction(Direction.BOTH).build().anomaly(t, v, t[last], v[last])).isPresent();
  }

  @Test
  void tooLittleHistoryNeverFlags() {
    long[] t = times(Duration.ofDays(3).minusHours(1));
    double[] v = dailyWave(t, 5);
    int last = t.length - 1;
    v[last] *= 10;
    assertThat(hourOfDay().build().band(t, v, t[last])).isEmpty();
    assertThat(hourOfDay().build().anomaly(t, v, t[last], v[last])).isEmpty();
    assertThat(SeasonalBaseline.builder().seasonality(Seasonality.DAY_OF_WEEK_HOUR).build()
        .anomaly(t, v, t[last], v[last])).as("two weeks by default").isEmpty();
  }

  @Test
  void dayOfWeekHourComparesTheSameWeekdayOnly() {
    // Weekdays run at 100, weekends at 20: a Monday compared with every day would look high.
    long[] t = times(Duration.ofDays(21));
    double[] v = new double[t.length];
    for (int i = 0; i < t.length; i++) {
      long day = (t[i] - START) / DAY % 7;
      v[i] = (day >= 5 ? 20 : 100) + (i % 3);
    }
    int saturday = (int) ((14 * DAY + 5 * DAY + Duration.ofHours(10).toMillis()) / STEP);
    SeasonalBaseline weekly = SeasonalBaseline.builder().seasonality(Seasonality.DAY_OF_WEEK_HOUR).build();
    assertThat(weekly.anomaly(t, v, t[saturday], v[saturday])).isEmpty();
    assertThat(weekly.band(t, v, t[saturday]).orElseThrow().expected()).isBetween(20.0, 22.0);
    assertThat(weekly.anomaly(t, v, t[saturday], 100)).isPresent();
    assertThat(hourOfDay().build().band(t, v, t[saturday]).orElseThrow().expected()).isGreaterThan(90);
  }

  @Test
  void theSameHourFollowsTheZonesDaylightSavingTime() {
    // Busy from 09:00 to 10:00 Berlin time every day, across the switch to summer time on 29 March.
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    long from = ZonedDateTime.of(2026, 3, 25, 0, 0, 0, 0, berlin).toInstant().toEpochMilli();
    long[] t = new long[6 * 288 + 120];
    double[] v = new double[t.length];
    for (int i = 0; i < t.length; i++) {
      t[i] = from + i * STEP;
      v[i] = Instant.ofEpochMilli(t[i]).atZone(berlin).getHour() == 9 ? 200 : 100;
    }
    long at = ZonedDateTime.of(2026, 3, 31, 9, 30, 0, 0, berlin).toInstant().toEpochMilli();
    SeasonalBaseline local = hourOfDay().zone(berlin).build();
    assertThat(local.band(t, v, at).orElseThrow().expected()).isEqualTo(200);
    assertThat(local.anomaly(t, v, at, 200)).isEmpty();
    assertThat(hourOfDay().build().anomaly(t, v, at, 200)).as("UTC days: an hour off before the switch").isPresent();
  }

  @Test
  void noneComparesWithTheTrailingWindow() {
    long[] t = times(Duration.ofHours(2));
    double[] v = new double[t.length];
    Arrays.fill(v, 50);
    int last = t.length - 1;
    SeasonalBaseline trailing = SeasonalBaseline.builder().seasonality(Seasonality.NONE).build();
    assertThat(trailing.history()).isEqualTo(Duration.ofHours(1));
    assertThat(trailing.anomaly(t, v, t[last], 50.4)).as("within 1 %% of a flat series").isEmpty();
    assertThat(trailing.anomaly(t, v, t[last], 60)).isPresent();
  }

  @Test
  void aFlatZeroSeriesIgnoresNoiseBelowTheMinimumWidth() {
    long[] t = times(Duration.ofDays(4));
    double[] v = new double[t.length];
    int last = t.length - 1;
    assertThat(hourOfDay().build().anomaly(t, v, t[last], 1e-12)).isEmpty();
    assertThat(hourOfDay().minWidth(0.01).build().anomaly(t, v, t[last], 0.02)).isEmpty();
    assertThat(hourOfDay().minWidth(0.01).build().anomaly(t, v, t[last], 0.05)).isPresent();
  }

  @Test
  void badSettingsNameTheField() {
    assertThatThrownBy(() -> SeasonalBaseline.builder().sensitivity(0)).hasMessageContaining("sensitivity");
    assertThatThrownBy(() -> Seasonality.parse("hourly")).hasMessageContaining("seasonality must be one of");
    assertThatThrownBy(() -> Direction.parse("up")).hasMessageContaining("direction must be one of");
    assertThatThrownBy(() -> SeasonalBaseline.builder().seasonality(Seasonality.DAY_OF_WEEK_HOUR)
        .history(Duration.ofDays(3)).build()).hasMessageContaining("history must cover");
    assertThat(Seasonality.parse("Day_Of_Week_Hour")).isEqualTo(Seasonality.DAY_OF_WEEK_HOUR);
  }
}
