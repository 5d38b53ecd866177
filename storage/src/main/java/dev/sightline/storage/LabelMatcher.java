package dev.sightline.storage;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A Prometheus-style label matcher. An absent label has the empty value; regular expressions
 * match the whole value.
 */
public record LabelMatcher(String name, Op op, String value) {

  public enum Op { EQ, NEQ, RE, NRE }

  public LabelMatcher {
    requireNonNull(name, "name");
    requireNonNull(op, "op");
    requireNonNull(value, "value");
    if (op == Op.RE || op == Op.NRE) {
      try {
        Pattern.compile(value);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "matcher on '" + name + "': invalid regular expression '" + value + "': " + e.getDescription());
      }
    }
  }

  public static LabelMatcher eq(String name, String value) {
    return new LabelMatcher(name, Op.EQ, value);
  }
}
