package dev.sightline.receivers.prometheus.scrape;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Prometheus durations as configuration writes them: {@code 15s}, {@code 1m30s}, {@code 500ms}, {@code 1d}. */
final class PromDuration {
  private static final Pattern FORMAT = Pattern.compile(
      "^(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?$");
  private static final long[] MILLIS = {365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000, 1};

  private PromDuration() {}

  static Duration parse(String text, String where) {
    Matcher m = FORMAT.matcher(text.strip());
    if (text.isBlank() || !m.matches()) {
      throw new IllegalArgumentException(where + ": '" + text + "' is not a duration such as 15s, 1m or 1h30m");
    }
    long ms = 0;
    for (int i = 0; i < MILLIS.length; i++) {
      if (m.group(i + 1) != null) {
        ms += Long.parseLong(m.group(i + 1)) * MILLIS[i];
      }
    }
    return Duration.ofMillis(ms);
  }

  static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 60_000 == 0 && ms > 0) {
      return ms / 60_000 + "m";
    }
    return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
  }
}
