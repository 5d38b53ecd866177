package dev.sightline.alerting.rules;

/** A threshold test of a rule kind without PromQL, written as in {@code condition: "> 10"}. */
public record Comparison(String op, double threshold) {
  private static final java.util.regex.Pattern FORM =
      java.util.regex.Pattern.compile("\\s*(>=|<=|==|!=|>|<)\\s*(-?[0-9.]+(?:[eE][-+]?[0-9]+)?)\\s*");

  /** Parses {@code > 10}; an {@link IllegalArgumentException} names the expected form. */
  public static Comparison parse(String text) {
    java.util.regex.Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a comparison such as \"> 10\" or \"<= 0.99\"");
    }
    return new Comparison(m.group(1), Double.parseDouble(m.group(2)));
  }

  public boolean holds(double value) {
    return switch (op) {
      case ">" -> value > threshold;
      case ">=" -> value >= threshold;
      case "<" -> value < threshold;
      case "<=" -> value <= threshold;
      case "==" -> value == threshold;
      default -> value != threshold;
    };
  }

  @Override
  public String toString() {
    return op + " " + (threshold == Math.rint(threshold) ? Long.toString((long) threshold) : Double.toString(threshold));
  }
}
