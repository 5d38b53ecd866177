package dev.sightline.server.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Typed reads of merged configuration values; every error names the key and the value. */
final class ConfigValues {
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KB|KiB|MB|MiB|GB|GiB)?", Pattern.CASE_INSENSITIVE);
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
  private final Map<String, String> values;

  ConfigValues(Map<String, String> values) {
    this.values = values;
  }

  /** Whether the key has a value. */
  boolean has(String key) {
    String v = values.get(key);
    return v != null && !v.isBlank();
  }

  /** The keys set that start with the prefix, for settings named by their owner (a tenant). */
  java.util.List<String> keysStartingWith(String prefix) {
    return values.keySet().stream().filter(k -> k.startsWith(prefix)).sorted().toList();
  }

  String string(String key) {
    String v = values.get(key);
    if (v == null || v.isBlank()) {
      throw new ConfigException(key + ": a value is required");
    }
    return v.trim();
  }

  /** A path that may be left empty; when given, the file must be readable. */
  @Nullable Path optionalFile(String key) {
    String v = values.get(key);
    if (v == null || v.isBlank()) {
      return null;
    }
    Path p = Path.of(v.trim());
    if (!Files.isReadable(p) || Files.isDirectory(p)) {
      throw new ConfigException(key + ": '" + v.trim() + "' is not a readable file");
    }
    return p;
  }

  /** The value, or empty when the key is unset or blank (for settings that are off by default). */
  String optional(String key) {
    String v = values.get(key);
    return v == null ? "" : v.trim();
  }

  int integer(String key, long min, long max) {
    long v = parseLong(key, string(key), "an integer");
    return (int) range(key, v, min, max);
  }

  boolean bool(String key) {
    return switch (string(key).toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new ConfigException(key + ": '" + values.get(key) + "' is not true or false");
    };
  }

  /** A decimal number in [min, max]. */
  double decimal(String key, double min, double max) {
    String raw = string(key);
    double v;
    try {
      v = Double.parseDouble(raw);
    } catch (NumberFormatException e) {
      throw new ConfigException(key + ": '" + raw + "' is not a number");
    }
    if (!(v >= min && v <= max)) {
      throw new ConfigException(key + ": " + raw + " is out of range; expected " + min + " to " + max);
    }
    return v;
  }

  int port(String key) {
    return integer(key, 0, 65535);
  }

  long bytes(String key, long min, long max) {
    String raw = string(key);
    Matcher m = SIZE.matcher(raw);
    if (!m.matches()) {
      throw new ConfigException(key + ": '" + raw + "' is not a size; use bytes or a unit, e.g. 64MiB");
    }
    long n = parseLong(key, m.group(1), "a size");
    String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase(Locale.ROOT);
    long factor = switch (unit) {
      case "KB" -> 1_000L; case "KIB" -> 1L << 10;
      case "MB" -> 1_000_000L; case "MIB" -> 1L << 20;
      case "GB" -> 1_000_000_000L; case "GIB" -> 1L << 30;
      default -> 1L;
    };
    return range(key, Math.multiplyExact(n, factor), min, max);
  }

  Duration duration(String key) {
    String raw = string(key);
    if (raw.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = DURATION.matcher(raw);
    if (!m.matches()) {
      throw new ConfigException(key + ": '" + raw + "' is not a duration; use e.g. 500ms, 30s, 5m, 1h, 7d");
    }
    long n = parseLong(key, m.group(1), "a duration");
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }

  private static long parseLong(String key, String raw, String what) {
    try {
      return Long.parseLong(raw.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(key + ": '" + raw + "' is not " + what);
    }
  }

  private static long range(String key, long v, long min, long max) {
    if (v < min || v > max) {
      throw new ConfigException(key + ": " + v + " is out of range; expected " + min + " to " + max);
    }
    return v;
  }
}
