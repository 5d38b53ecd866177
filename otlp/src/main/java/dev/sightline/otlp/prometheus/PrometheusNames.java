package dev.sightline.otlp.prometheus;

import java.util.Map;

/**
 * Metric and label names as the OpenTelemetry-to-Prometheus compatibility specification builds
 * them: invalid characters become {@code _}, the unit becomes a suffix ({@code s} →
 * {@code _seconds}, {@code By/s} → {@code _bytes_per_second}, {@code {annotations}} dropped),
 * monotonic sums end in {@code _total} and gauges of unit {@code 1} in {@code _ratio}. A name that
 * already ends in a suffix does not get it twice, so Prometheus data carried as OTLP keeps its
 * names.
 */
public final class PrometheusNames {
  private PrometheusNames() {}

  /** What a metric becomes in Prometheus, which decides its suffixes. */
  public enum Kind { GAUGE, COUNTER, HISTOGRAM, SUMMARY }

  private static final Map<String, String> UNITS = Map.ofEntries(
      Map.entry("d", "days"), Map.entry("h", "hours"), Map.entry("min", "minutes"),
      Map.entry("s", "seconds"), Map.entry("ms", "milliseconds"), Map.entry("us", "microseconds"),
      Map.entry("ns", "nanoseconds"), Map.entry("By", "bytes"), Map.entry("KiBy", "kibibytes"),
      Map.entry("MiBy", "mebibytes"), Map.entry("GiBy", "gibibytes"), Map.entry("TiBy", "tibibytes"),
      Map.entry("KBy", "kilobytes"), Map.entry("MBy", "megabytes"), Map.entry("GBy", "gigabytes"),
      Map.entry("TBy", "terabytes"), Map.entry("m", "meters"), Map.entry("V", "volts"),
      Map.entry("A", "amperes"), Map.entry("J", "joules"), Map.entry("W", "watts"),
      Map.entry("g", "grams"), Map.entry("Cel", "celsius"), Map.entry("Hz", "hertz"),
      Map.entry("1", ""), Map.entry("%", "percent"));

  private static final Map<String, String> PER_UNITS = Map.of(
      "s", "second", "m", "minute", "h", "hour", "d", "day", "w", "week", "mo", "month", "y", "year");

  /** The Prometheus name of an OTLP metric of {@code kind} named {@code name} in {@code unit}. */
  public static String metricName(String name, String unit, Kind kind) {
    String base = sanitizeMetricName(name);
    boolean counter = kind == Kind.COUNTER;
    if (counter && base.endsWith("_total")) {
      base = base.substring(0, base.length() - "_total".length());
    }
    String cleanUnit = unit.replaceAll("\\{[^}]*}", "").trim();
    if (!cleanUnit.isEmpty()) {
      int slash = cleanUnit.indexOf('/');
      String main = clean(slash < 0 ? cleanUnit : cleanUnit.substring(0, slash), UNITS);
      String per = slash < 0 ? "" : clean(cleanUnit.substring(slash + 1), PER_UNITS);
      String whole = main.isEmpty() ? (per.isEmpty() ? "" : "per_" + per)
          : per.isEmpty() ? main : main + "_per_" + per;
      if (!whole.isEmpty() && !hasSuffix(base, whole)) {
        if (!main.isEmpty() && !hasSuffix(base, main)) {
          base = base + "_" + main;
        }
        if (!per.isEmpty() && !hasSuffix(base, "per_" + per)) {
          base = base + "_per_" + per;
        }
      }
    }
    if (kind == Kind.GAUGE && unit.trim().equals("1") && !hasSuffix(base, "ratio")) {
      base = base + "_ratio";
    }
    return counter ? base + "_total" : base;
  }

  /**
   * A valid metric name: a valid one unchanged; otherwise runs of invalid characters become one
   * {@code _}, underscores left at the ends are dropped and a leading digit gets a {@code _}.
   */
  public static String sanitizeMetricName(String name) {
    if (isValidMetricName(name)) {
      return name;
    }
    StringBuilder out = new StringBuilder(name.length());
    boolean pendingUnderscore = false;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (isMetricChar(c) && c != '_') {
        if (pendingUnderscore && out.length() > 0) {
          out.append('_');
        }
        pendingUnderscore = false;
        out.append(c);
      } else {
        pendingUnderscore = true;
      }
    }
    String s = out.toString();
    if (s.isEmpty()) {
      return "_";
    }
    return Character.isDigit(s.charAt(0)) ? "_" + s : s;
  }

  /**
   * A valid label name: each invalid character becomes {@code _} and a leading digit gets
   * {@code key_}; an empty name stays empty (the caller drops it).
   */
  public static String labelName(String key) {
    if (key.isEmpty()) {
      return key;
    }
    StringBuilder out = null;
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      boolean ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (!ok && out == null) {
        out = new StringBuilder(key.length()).append(key, 0, i);
      }
      if (out != null) {
        out.append(ok ? c : '_');
      }
    }
    String s = out == null ? key : out.toString();
    return Character.isDigit(s.charAt(0)) ? "key_" + s : s;
  }

  static boolean isValidMetricName(String name) {
    if (name.isEmpty() || Character.isDigit(name.charAt(0))) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      if (!isMetricChar(name.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isMetricChar(char c) {
    return c == '_' || c == ':' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  private static boolean hasSuffix(String name, String suffix) {
    return name.equals(suffix) || name.endsWith("_" + suffix);
  }

  /** A unit through its map, then reduced to alphanumeric words joined by {@code _}. */
  private static String clean(String unit, Map<String, String> map) {
    String u = unit.trim();
    String mapped = map.getOrDefault(u, u);
    StringBuilder out = new StringBuilder(mapped.length());
    boolean gap = false;
    for (int i = 0; i < mapped.length(); i++) {
      char c = mapped.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        if (gap && out.length() > 0) {
          out.append('_');
        }
        gap = false;
        out.append(c);
      } else {
        gap = true;
      }
    }
    return out.toString();
  }
}
