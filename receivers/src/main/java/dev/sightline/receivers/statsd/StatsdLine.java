package dev.sightline.receivers.statsd;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One StatsD metric line, {@code name:value|type[|@rate][|#tag:value,tag]}, with DogStatsD tags.
 * Types: {@code c} counter, {@code g} gauge ({@code +n}/{@code -n} change it), {@code ms} timer,
 * {@code h} histogram, {@code d} distribution, {@code s} set.
 */
record StatsdLine(String name, Type type, double value, String setMember, boolean delta, double sampleRate,
    Map<String, String> tags) {

  enum Type { COUNTER, GAUGE, TIMER, HISTOGRAM, SET }

  /** A line that is not StatsD; the reason is counted, so it names the problem in a few words. */
  static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;
    final String reason;

    Malformed(String reason, String detail) {
      super(detail, null, false, false);
      this.reason = reason;
    }
  }

  static StatsdLine parse(String line) throws Malformed {
    int colon = line.indexOf(':');
    int bar = line.indexOf('|');
    if (colon <= 0 || bar < colon) {
      throw new Malformed("syntax", "expected name:value|type, got '" + shorten(line) + "'");
    }
    String name = line.substring(0, colon);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isWhitespace(c) || c == '|' || c == '#' || c == '@') {
        throw new Malformed("name", "metric name '" + shorten(name) + "' has a space or one of | # @");
      }
    }
    String rawValue = line.substring(colon + 1, bar);
    String[] sections = line.substring(bar + 1).split("\\|");
    Type type = switch (sections[0]) {
      case "c" -> Type.COUNTER;
      case "g" -> Type.GAUGE;
      case "ms" -> Type.TIMER;
      case "h", "d" -> Type.HISTOGRAM;
      case "s" -> Type.SET;
      default -> throw new Malformed("type", "unknown metric type '" + shorten(sections[0]) + "' in '" + shorten(line) + "'");
    };
    double rate = 1;
    Map<String, String> tags = new LinkedHashMap<>();
    for (int i = 1; i < sections.length; i++) {
      String s = sections[i];
      if (s.startsWith("@")) {
        rate = number(s.substring(1), "sample rate", line);
        if (!(rate > 0 && rate <= 1)) {
          throw new Malformed("sample_rate", "sample rate must be in (0, 1], got " + s.substring(1));
        }
      } else if (s.startsWith("#")) {
        for (String tag : s.substring(1).split(",")) {
          if (tag.isEmpty()) {
            continue;
          }
          int sep = tag.indexOf(':');
          tags.put(sep < 0 ? tag : tag.substring(0, sep), sep < 0 ? "" : tag.substring(sep + 1));
        }
      } else if (!s.startsWith("c:") && !s.startsWith("T")) { // DogStatsD container id and timestamp: ignored
        throw new Malformed("syntax", "unknown section '" + shorten(s) + "' in '" + shorten(line) + "'");
      }
    }
    if (type == Type.SET) {
      return new StatsdLine(name, type, 0, rawValue, false, rate, tags);
    }
    boolean delta = type == Type.GAUGE && (rawValue.startsWith("+") || rawValue.startsWith("-"));
    double value = number(rawValue, "value", line);
    return new StatsdLine(name, type, value, "", delta, rate, tags);
  }

  private static double number(String raw, String what, String line) throws Malformed {
    try {
      double d = Double.parseDouble(raw);
      if (!Double.isFinite(d)) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw new Malformed("value", what + " '" + shorten(raw) + "' is not a number in '" + shorten(line) + "'");
    }
  }

  private static String shorten(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "…";
  }
}
