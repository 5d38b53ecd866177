package dev.sightline.alerting.notify;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One label matcher as Alertmanager writes it: {@code severity="critical"}, {@code team=~"db|infra"},
 * {@code env!="dev"}, {@code job!~"test.*"}. Regexes are anchored at both ends, as in Alertmanager;
 * a missing label matches as the empty string.
 */
public record Matcher(String name, Op op, String value) {
  private static final Pattern FORM = Pattern.compile(
      "^\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^\"\\s]*))\\s*$");

  /** The comparison a matcher makes. */
  public enum Op {
    EQUAL("="), NOT_EQUAL("!="), REGEX("=~"), NOT_REGEX("!~");

    private final String text;

    Op(String text) {
      this.text = text;
    }

    public String text() {
      return text;
    }
  }

  /** Compiled regexes: matchers come from configuration and silences, so there are few distinct ones. */
  private static final Map<String, Pattern> REGEXES = new java.util.concurrent.ConcurrentHashMap<>();

  /** @throws IllegalArgumentException when a regex op's value is not a valid regex */
  public Matcher {
    requireNonNull(name, "name");
    requireNonNull(op, "op");
    requireNonNull(value, "value");
    if (op == Op.REGEX || op == Op.NOT_REGEX) {
      try {
        REGEXES.computeIfAbsent(value, v -> Pattern.compile("^(?:" + v + ")$"));
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("'" + value + "' is not a valid regex: " + e.getDescription(), e);
      }
    }
  }

  /** Parses {@code name op "value"}; {@code where} names the setting in the error. */
  public static Matcher parse(String text, String where) {
    java.util.regex.Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(where + ": '" + text + "' is not name op \"value\" (op one of =, !=, =~, !~)");
    }
    Op op = switch (m.group(2)) {
      case "=" -> Op.EQUAL;
      case "!=" -> Op.NOT_EQUAL;
      case "=~" -> Op.REGEX;
      default -> Op.NOT_REGEX;
    };
    String value = m.group(3) != null ? m.group(3).replaceAll("\\\\(.)", "$1") : m.group(4);
    try {
      return new Matcher(m.group(1), op, value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
    }
  }

  public boolean matches(Map<String, String> labels) {
    String actual = labels.getOrDefault(name, "");
    return switch (op) {
      case EQUAL -> actual.equals(value);
      case NOT_EQUAL -> !actual.equals(value);
      case REGEX -> regex().matcher(actual).matches();
      case NOT_REGEX -> !regex().matcher(actual).matches();
    };
  }

  /** Whether all matchers match; an empty list matches everything. */
  public static boolean all(Iterable<Matcher> matchers, Map<String, String> labels) {
    for (Matcher m : matchers) {
      if (!m.matches(labels)) {
        return false;
      }
    }
    return true;
  }

  private Pattern regex() {
    return REGEXES.computeIfAbsent(value, v -> Pattern.compile("^(?:" + v + ")$"));
  }

  @Override
  public String toString() {
    return name + op.text + '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
