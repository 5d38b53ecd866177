package dev.sightline.server.api;

import dev.sightline.storage.AttributeFilter;
import dev.sightline.storage.TimeRange;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * GraphQL arguments read and checked as the REST API reads its parameters (the same duration,
 * time, severity and trace id forms), with errors that name the argument, e.g.
 * {@code search.minDuration: 'fast' is not a duration; use e.g. 250ms, 1.5s, 2m, 1h}.
 */
final class GraphqlArgs {
  private final Map<String, Object> args;
  private final String prefix;

  private GraphqlArgs(Map<String, Object> args, String prefix) {
    this.args = args;
    this.prefix = prefix;
  }

  /** The fields of an input object argument such as {@code search}; absent is empty. */
  @SuppressWarnings("unchecked")
  static GraphqlArgs input(@Nullable Object value, String name) {
    return new GraphqlArgs(value == null ? Map.of() : (Map<String, Object>) value, name + ".");
  }

  static GraphqlArgs of(Map<String, Object> arguments) {
    return new GraphqlArgs(arguments, "");
  }

  @Nullable String string(String name) {
    Object v = args.get(name);
    return v == null || v.toString().isEmpty() ? null : v.toString();
  }

  String required(String name) {
    String v = string(name);
    if (v == null) {
      throw new BadRequestException(prefix + name + ": required");
    }
    return v;
  }

  boolean bool(String name) {
    return Boolean.TRUE.equals(args.get(name));
  }

  @Nullable Long durationNanos(String name) {
    String raw = string(name);
    return raw == null ? null : Params.parseDuration(prefix + name, raw).toNanos();
  }

  /** A duration as 15s or 1m (as in the REST API), or a number of seconds (as in the Prometheus API). */
  Duration step(String name) {
    String raw = required(name);
    try {
      return Duration.ofNanos(new BigDecimal(raw).movePointRight(9).longValueExact());
    } catch (NumberFormatException | ArithmeticException e) {
      return Params.parseDuration(prefix + name, raw);
    }
  }

  /** {@code start} and {@code end}; without start, {@code lookback} before end (default now). */
  TimeRange range(Clock clock, Duration lookback) {
    long now = nanos(clock.instant());
    Long start = time("start");
    Long end = time("end");
    long e = end == null ? now : end;
    long s = start == null ? Math.max(0, e - lookback.toNanos()) : start;
    if (e < s) {
      throw new BadRequestException(prefix + "end is before " + prefix + "start");
    }
    return new TimeRange(s, e);
  }

  /** A time as RFC 3339 or Unix seconds (decimals allowed), in Unix nanoseconds; null when absent. */
  @Nullable Long time(String name) {
    String raw = string(name);
    return raw == null ? null : Params.parseTime(prefix + name, raw);
  }


  /** A trace id of 32 hex digits, lowercased; null when absent. */
  @Nullable String traceId(String name) {
    String raw = string(name);
    if (raw != null && !raw.matches("[0-9a-fA-F]{32}")) {
      throw new BadRequestException(prefix + name + ": '" + raw + "' is not a trace id of 32 hex digits");
    }
    return raw == null ? null : raw.toLowerCase(Locale.ROOT);
  }

  @SuppressWarnings("unchecked")
  List<AttributeFilter> attributes(String name) {
    Object raw = args.get(name);
    List<AttributeFilter> out = new ArrayList<>();
    if (raw == null) {
      return out;
    }
    for (Object item : (List<Object>) raw) {
      Map<String, Object> filter = (Map<String, Object>) item;
      String key = String.valueOf(filter.get("key"));
      if (key.isEmpty()) {
        throw new BadRequestException(prefix + name + ": an attribute filter's key is empty");
      }
      out.add(new AttributeFilter(key, String.valueOf(filter.get("value"))));
    }
    return out;
  }

  /** {@code first}: the page size, {@code defaultSize} when absent, else 1 to {@code max}. */
  int first(int defaultSize, int max, String what) {
    Object raw = args.get("first");
    if (raw == null) {
      return defaultSize;
    }
    int n = ((Number) raw).intValue();
    if (n < 1 || n > max) {
      throw new BadRequestException("first: " + n + " is out of range; " + what + " come at most " + max
          + " to a page (and at least 1)");
    }
    return n;
  }

  private static long nanos(Instant i) {
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }
}
