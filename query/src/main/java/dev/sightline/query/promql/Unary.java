package dev.sightline.query.promql;

import static java.util.Objects.requireNonNull;

/** A unary {@code -} or {@code +} on a non-literal. */
public record Unary(boolean negate, Expr expr, int pos) implements Expr {
  public Unary {
    requireNonNull(expr, "expr");
  }

  @Override
  public ValueType type() {
    return expr.type();
  }
}
