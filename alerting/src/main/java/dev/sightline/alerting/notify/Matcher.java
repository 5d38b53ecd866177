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

  public Matcher {
    requireNonNull(name, "name");
    requireNonNull(op, "op");
    requireNonNull(value, "value");
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
    Matcher matcher = new Matcher(m.group(1), op, value);
    if (op == Op.REGEX || op == Op.NOT_REGEX) {
      try {
        Pattern.compile(value);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(where + ": '" + value + "' is not a valid regex: " + e.getDescription());
      }
    }
    return matcher;
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
    // Compiled on use: matchers are few and evaluated once per alert per flush.
    return Pattern.compile(value);
  }

  @Override
  public String toString() {
    return name + op.text + '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
