package dev.sightline.server.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The expanding notation of promtool's input series: {@code 1 2 3}, {@code 0+10x5} (0, 10, …, 50),
 * {@code 100-5x3}, {@code 1x4} (1 five times), {@code _} (no sample), {@code _x3}; as values per
 * step, NaN for no sample.
 */
final class SeriesValues {
  private static final Pattern TERM = Pattern.compile("(_|[-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:e[-+]?\\d+)?|[-+]?Inf|NaN)"
      + "(?:([-+])(\\d+(?:\\.\\d*)?(?:e[-+]?\\d+)?))?(?:x(\\d+))?");

  private SeriesValues() {}

  static List<Double> parse(String text) {
    List<Double> out = new ArrayList<>();
    for (String term : text.trim().split("\\s+")) {
      if (term.isEmpty()) {
        continue;
      }
      Matcher m = TERM.matcher(term);
      if (!m.matches()) {
        throw new IllegalArgumentException("'" + term + "' is not a value, a+bxN, a-bxN, axN or _");
      }
      boolean missing = m.group(1).equals("_");
      double start = missing ? Double.NaN : Double.parseDouble(m.group(1).replace("Inf", "Infinity"));
      double delta = m.group(2) == null ? 0 : Double.parseDouble(m.group(3)) * (m.group(2).equals("-") ? -1 : 1);
      int repeat = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
      if (m.group(2) != null && m.group(4) == null) {
        throw new IllegalArgumentException("'" + term + "': a+b needs xN, e.g. 0+10x5");
      }
      for (int i = 0; i <= repeat; i++) {
        out.add(missing ? Double.NaN : start + (m.group(2) == null ? 0 : delta * i));
      }
    }
    return out;
  }
}
