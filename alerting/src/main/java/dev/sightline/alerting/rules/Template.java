package dev.sightline.alerting.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of Prometheus's annotation templates that rules use: text with actions
 * {@code {{ $labels.name }}}, {@code {{ $value }}}, and {@code $value} through {@code humanize},
 * {@code humanizePercentage}, {@code humanizeDuration} or {@code printf "%.2f"}, written as a
 * call or a pipe. Anything else is refused when the rule is loaded, not when it fires.
 */
public final class Template {
  private static final Pattern ACTION = Pattern.compile("\\{\\{-?\\s*(.*?)\\s*-?}}");
  private static final Pattern LABEL = Pattern.compile("\\$labels\\.([a-zA-Z_][a-zA-Z0-9_]*)");
  private static final Pattern PRINTF = Pattern.compile("printf\\s+\"([^\"]*)\"\\s+\\$value");
  private static final Pattern PIPED_PRINTF = Pattern.compile("\\$value\\s*\\|\\s*printf\\s+\"([^\"]*)\"");
  private static final List<String> FUNCTIONS = List.of("humanize", "humanizePercentage", "humanizeDuration");

  private sealed interface Part {}

  private record Text(String text) implements Part {}

  private record Label(String name) implements Part {}

  private record Value(String function, String format) implements Part {}

  private final String source;
  private final List<Part> parts;

  private Template(String source, List<Part> parts) {
    this.source = source;
    this.parts = parts;
  }

  /** Compiles a template; an {@link IllegalArgumentException} names the action it cannot run. */
  public static Template compile(String source) {
    List<Part> parts = new ArrayList<>();
    Matcher m = ACTION.matcher(source);
    int at = 0;
    while (m.find()) {
      parts.add(new Text(source.substring(at, m.start())));
      parts.add(action(m.group(1)));
      at = m.end();
    }
    String rest = source.substring(at);
    if (rest.contains("{{")) {
      throw new IllegalArgumentException("template '" + source + "' has an unclosed '{{'");
    }
    parts.add(new Text(rest));
    return new Template(source, List.copyOf(parts));
  }

  private static Part action(String action) {
    Matcher label = LABEL.matcher(action);
    if (label.matches()) {
      return new Label(label.group(1));
    }
    if (action.equals("$value")) {
      return new Value("", "");
    }
    for (String f : FUNCTIONS) {
      if (action.equals(f + " $value") || action.matches("\\$value\\s*\\|\\s*" + f)) {
        return new Value(f, "");
      }
    }
    Matcher printf = PRINTF.matcher(action);
    Matcher piped = PIPED_PRINTF.matcher(action);
    if (printf.matches() || piped.matches()) {
      String format = printf.matches() ? printf.group(1) : piped.group(1);
      try {
        String.format(Locale.ROOT, format, 1.0);
      } catch (java.util.IllegalFormatException e) {
        throw new IllegalArgumentException("printf format '" + format + "' does not take a number: " + e.getMessage());
      }
      return new Value("printf", format);
    }
    throw new IllegalArgumentException("template action '{{ " + action + " }}' is not supported; use $labels.<name>, "
        + "$value, humanize, humanizePercentage, humanizeDuration or printf \"<format>\" $value");
  }

  public String source() {
    return source;
  }

  public String render(Map<String, String> labels, double value) {
    StringBuilder out = new StringBuilder();
    for (Part p : parts) {
      switch (p) {
        case Text t -> out.append(t.text());
        case Label l -> out.append(labels.getOrDefault(l.name(), ""));
        case Value v -> out.append(switch (v.function()) {
          case "humanize" -> humanize(value);
          case "humanizePercentage" -> humanize(value * 100) + "%";
          case "humanizeDuration" -> humanizeDuration(value);
          case "printf" -> String.format(Locale.ROOT, v.format(), value);
          default -> plain(value);
        });
      }
    }
    return out.toString();
  }

  static String plain(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  /** Like Prometheus: SI prefixes, four significant digits. */
  static String humanize(double v) {
    if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
      return plain(v);
    }
    String[] big = {"", "k", "M", "G", "T", "P", "E"};
    String[] small = {"", "m", "u", "n", "p"};
    double a = Math.abs(v);
    int i = 0;
    if (a >= 1) {
      while (a >= 1000 && i < big.length - 1) {
        a /= 1000;
        i++;
      }
      return trim(Math.copySign(a, v)) + big[i];
    }
    while (a < 1 && i < small.length - 1) {
      a *= 1000;
      i++;
    }
    return trim(Math.copySign(a, v)) + small[i];
  }

  private static String trim(double v) {
    String s = new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    return s;
  }

  static String humanizeDuration(double seconds) {
    if (Math.abs(seconds) < 1) {
      return humanize(seconds) + "s";
    }
    long s = (long) seconds;
    long d = s / 86400;
    long h = s % 86400 / 3600;
    long m = s % 3600 / 60;
    long sec = s % 60;
    StringBuilder b = new StringBuilder();
    if (d > 0) {
      b.append(d).append("d ");
    }
    if (h > 0) {
      b.append(h).append("h ");
    }
    if (m > 0) {
      b.append(m).append("m ");
    }
    b.append(sec).append('s');
    return b.toString();
  }
}
