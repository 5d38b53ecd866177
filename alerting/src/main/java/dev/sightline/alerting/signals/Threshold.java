package dev.sightline.alerting.signals;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/** A rule's {@code condition}, such as {@code "> 10"}: holds for values that compare so with the number. */
public record Threshold(Operator operator, double value) {
  public Threshold {
    requireNonNull(operator, "operator");
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("condition needs a finite number; was " + value);
    }
  }

  /** The comparisons a condition may use, longest symbols first so that ">=" is not read as ">". */
  public enum Operator {
    GREATER_OR_EQUAL(">="),
    LESS_OR_EQUAL("<="),
    EQUAL("=="),
    NOT_EQUAL("!="),
    GREATER(">"),
    LESS("<");

    private final String symbol;

    Operator(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }

  /**
   * Parses {@code "<op> <number>"} with op one of {@code > >= < <= == !=}, for example
   * {@code "> 0.5"}.
   *
   * @throws IllegalArgumentException naming the field and the expected form
   */
  public static Threshold parse(String condition) {
    String text = condition.trim();
    for (Operator op : Operator.values()) {
      if (text.startsWith(op.symbol())) {
        String number = text.substring(op.symbol().length()).trim();
        try {
          return new Threshold(op, Double.parseDouble(number));
        } catch (NumberFormatException e) {
          break;
        }
      }
    }
    throw new IllegalArgumentException("condition must be an operator (>, >=, <, <=, ==, !=) and a number, "
        + "such as \"> 10\"; was \"" + condition + "\"");
  }

  /** False for NaN: a measure that cannot be computed never fires. */
  public boolean holds(double x) {
    if (Double.isNaN(x)) {
      return false;
    }
    return switch (operator) {
      case GREATER -> x > value;
      case GREATER_OR_EQUAL -> x >= value;
      case LESS -> x < value;
      case LESS_OR_EQUAL -> x <= value;
      case EQUAL -> x == value;
      case NOT_EQUAL -> x != value;
    };
  }

  @Override
  public String toString() {
    return operator.symbol() + " " + (value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value) : String.format(Locale.ROOT, "%s", value));
  }
}
