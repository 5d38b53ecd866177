package dev.sightline.server.api.prometheus;

import dev.sightline.server.api.Masking;
import com.linecorp.armeria.common.QueryParams;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The parameters of a Prometheus API request, from the query string and a form-encoded POST body,
 * read as Prometheus reads them: times as Unix seconds or RFC 3339, durations as seconds or
 * {@code 5m}, errors worded as Prometheus words them.
 */
final class PromParams {
  /** Prometheus's minimum and maximum times, the defaults of open ranges. */
  static final long MIN_TIME_MS = Long.MIN_VALUE / 4;
  static final long MAX_TIME_MS = Long.MAX_VALUE / 4;
  private static final Pattern DURATION = Pattern.compile(
      "^(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?$");
  private static final long[] UNIT_MS = {365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000, 1};
  private final QueryParams params;
  private final Masking masking;

  PromParams(QueryParams params, Masking masking) {
    this.params = params;
    this.masking = masking;
  }

  /** How label values of this answer are masked for its caller. */
  Masking masking() {
    return masking;
  }

  @Nullable String get(String name) {
    return params.get(name);
  }

  List<String> all(String name) {
    return params.getAll(name);
  }

  String required(String name) {
    String v = params.get(name);
    if (v == null) {
      throw ApiError.badData("invalid parameter \"" + name + "\": missing");
    }
    return v;
  }

  long time(String name, long defaultMs) {
    String v = params.get(name);
    return v == null || v.isEmpty() ? defaultMs : parseTime(name, v);
  }

  static long parseTime(String name, String v) {
    try {
      return new BigDecimal(v).movePointRight(3).setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      try {
        return OffsetDateTime.parse(v).toInstant().toEpochMilli();
      } catch (DateTimeParseException e2) {
        throw ApiError.badData("invalid parameter \"" + name + "\": cannot parse \"" + v + "\" to a valid timestamp");
      }
    }
  }

  /** A duration parameter in milliseconds, as seconds ({@code 15}, {@code 0.5}) or {@code 1m30s}. */
  long duration(String name) {
    String v = required(name);
    try {
      BigDecimal seconds = new BigDecimal(v);
      return seconds.movePointRight(3).setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      Matcher m = DURATION.matcher(v);
      if (v.isEmpty() || !m.matches()) {
        throw ApiError.badData("invalid parameter \"" + name + "\": cannot parse \"" + v + "\" to a valid duration");
      }
      long ms = 0;
      for (int i = 0; i < UNIT_MS.length; i++) {
        if (m.group(i + 1) != null) {
          ms += Long.parseLong(m.group(i + 1)) * UNIT_MS[i];
        }
      }
      return ms;
    }
  }
}
