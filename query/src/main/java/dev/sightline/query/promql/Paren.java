package dev.sightline.query.promql;

import static java.util.Objects.requireNonNull;

/** An expression in parentheses; kept so that errors and positions match what was written. */
public record Paren(Expr expr, int pos) implements Expr {
  public Paren {
    requireNonNull(expr, "expr");
  }

  @Override
  public ValueType type() {
    return expr.type();
  }
}
