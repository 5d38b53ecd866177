package dev.sightline.query.promql;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/** Calendar functions of a Unix time in seconds, in UTC. */
final class DateFunctions {
  private DateFunctions() {}

  static @Nullable ToDoubleFunction<ZonedDateTime> get(String name) {
    return switch (name) {
      case "days_in_month" -> t -> t.toLocalDate().lengthOfMonth();
      case "day_of_month" -> ZonedDateTime::getDayOfMonth;
      case "day_of_week" -> t -> t.getDayOfWeek().getValue() % 7;
      case "day_of_year" -> ZonedDateTime::getDayOfYear;
      case "hour" -> ZonedDateTime::getHour;
      case "minute" -> ZonedDateTime::getMinute;
      case "month" -> ZonedDateTime::getMonthValue;
      case "year" -> ZonedDateTime::getYear;
      default -> null;
    };
  }

  /** Like Go's {@code time.Unix(int64(seconds), 0).UTC()}. */
  static ZonedDateTime utc(double seconds) {
    long s = (long) seconds;
    try {
      return Instant.ofEpochSecond(s).atZone(ZoneOffset.UTC);
    } catch (java.time.DateTimeException e) {
      return Instant.ofEpochSecond(0).atZone(ZoneOffset.UTC);
    }
  }
}
