package dev.sightline.server.api;

import com.linecorp.armeria.common.QueryParams;
import dev.sightline.storage.AttributeFilter;
import dev.sightline.storage.PageCursor;
import dev.sightline.storage.TimeRange;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Typed, validated reads of a request's query string. */
final class Params {
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h|d)");
  private final QueryParams params;
  private final Clock clock;
  private final Masking masking;

  Params(QueryParams params, Clock clock) {
    this(params, clock, Masking.NONE);
  }

  Params(QueryParams params, Clock clock, Masking masking) {
    this.params = params;
    this.clock = clock;
    this.masking = masking;
  }

  /** How the answer masks classified values for this caller. */
  Masking masking() {
    return masking;
  }

  @Nullable String string(String name) {
    String v = params.get(name);
    return v == null || v.isEmpty() ? null : v;
  }

  int limit(int defaultValue, int max) {
    String raw = string("limit");
    if (raw == null) {
      return defaultValue;
    }
    try {
      int v = Integer.parseInt(raw);
      if (v < 1 || v > max) {
        throw new BadRequestException("limit: " + v + " is out of range; expected 1 to " + max);
      }
      return v;
    } catch (NumberFormatException e) {
      throw new BadRequestException("limit: '" + raw + "' is not an integer");
    }
  }

  boolean bool(String name) {
    String raw = string(name);
    if (raw == null) {
      return false;
    }
    return switch (raw) {
      case "true", "1" -> true;
      case "false", "0" -> false;
      default -> throw new BadRequestException(name + ": '" + raw + "' is not true or false");
    };
  }

  @Nullable Long durationNanos(String name) {
    String raw = string(name);
    return raw == null ? null : parseDuration(name, raw).toNanos();
  }

  static Duration parseDuration(String name, String raw) {
    Matcher m = DURATION.matcher(raw.trim());
    if (!m.matches()) {
      throw new BadRequestException(name + ": '" + raw + "' is not a duration; use e.g. 250ms, 1.5s, 2m, 1h");
    }
    BigDecimal n = new BigDecimal(m.group(1));
    long unitNanos = switch (m.group(2)) {
      case "ns" -> 1L;
      case "us", "µs" -> 1_000L;
      case "ms" -> 1_000_000L;
      case "s" -> 1_000_000_000L;
      case "m" -> 60_000_000_000L;
      case "h" -> 3_600_000_000_000L;
      default -> 86_400_000_000_000L;
    };
    return Duration.ofNanos(n.multiply(BigDecimal.valueOf(unitNanos)).longValue());
  }

  /**
   * {@code start}/{@code end} as RFC 3339 or Unix seconds (decimals allowed); without them, the
   * last {@code lookback} (default {@code defaultLookback}, or everything when that is null).
   */
  TimeRange range(@Nullable Duration defaultLookback) {
    long now = nanos(clock.instant());
    Long end = time("end");
    Long start = time("start");
    long e = end == null ? now : end;
    if (start == null) {
      String lookback = string("lookback");
      Duration d = lookback != null ? parseDuration("lookback", lookback) : defaultLookback;
      if (d == null) {
        return new TimeRange(0, end == null ? Long.MAX_VALUE : e);
      }
      start = Math.max(0, e - d.toNanos());
    }
    if (e < start) {
      throw new BadRequestException("end is before start");
    }
    return new TimeRange(start, e);
  }

  private @Nullable Long time(String name) {
    String raw = string(name);
    return raw == null ? null : parseTime(name, raw);
  }

  /** A time as RFC 3339 or Unix seconds (decimals allowed), in Unix nanoseconds. */
  static long parseTime(String name, String raw) {
    try {
      return new BigDecimal(raw).movePointRight(9).longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      try {
        return nanos(Instant.parse(raw));
      } catch (DateTimeParseException e2) {
        throw new BadRequestException(name + ": '" + raw
            + "' is not a time; use RFC 3339 (2026-01-01T10:00:00Z) or Unix seconds");
      }
    }
  }


  private static long nanos(Instant i) {
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  List<AttributeFilter> attributes() {
    List<AttributeFilter> out = new ArrayList<>();
    for (String raw : params.getAll("attr")) {
      int eq = raw.indexOf('=');
      if (eq <= 0) {
        throw new BadRequestException("attr: '" + raw + "' is not of the form key=value");
      }
      out.add(new AttributeFilter(raw.substring(0, eq), raw.substring(eq + 1)));
    }
    return out;
  }

  @Nullable PageCursor cursor() {
    String raw = string("cursor");
    try {
      return raw == null ? null : PageCursor.decode(raw);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("cursor: " + e.getMessage());
    }
  }
}
