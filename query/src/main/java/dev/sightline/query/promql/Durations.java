package dev.sightline.query.promql;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PromQL durations such as {@code 1h30m}: units from years down to milliseconds, in order. */
public final class Durations {
  private Durations() {}

  private static final Pattern DURATION = Pattern.compile(
      "^(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?$");

  private static final long[] UNIT_MS = {
      365L * 24 * 3600 * 1000, 7L * 24 * 3600 * 1000, 24L * 3600 * 1000, 3600L * 1000, 60L * 1000,
      1000L, 1L};

  /** Milliseconds in a duration, or an {@link IllegalArgumentException} with Prometheus's text. */
  public static long parse(String text) {
    if (text.equals("0")) {
      return 0;
    }
    Matcher m = DURATION.matcher(text);
    if (text.isEmpty() || !m.matches()) {
      throw new IllegalArgumentException("not a valid duration string: " + GoStrings.quote(text));
    }
    long total = 0;
    for (int i = 0; i < UNIT_MS.length; i++) {
      String group = m.group(2 + 2 * i);
      if (group != null) {
        try {
          total = Math.addExact(total, Math.multiplyExact(Long.parseLong(group), UNIT_MS[i]));
        } catch (ArithmeticException | NumberFormatException e) {
          throw new IllegalArgumentException("not a valid duration string: " + GoStrings.quote(text));
        }
      }
    }
    return total;
  }

  /** Formats milliseconds as Prometheus prints durations, e.g. {@code 1h30m}. */
  public static String format(long ms) {
    if (ms == 0) {
      return "0s";
    }
    StringBuilder b = new StringBuilder();
    String[] names = {"y", "w", "d", "h", "m", "s", "ms"};
    long rest = ms;
    for (int i = 0; i < UNIT_MS.length; i++) {
      long n = rest / UNIT_MS[i];
      if (n > 0) {
        b.append(n).append(names[i]);
        rest -= n * UNIT_MS[i];
      }
    }
    return b.toString();
  }
}
