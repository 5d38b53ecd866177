package dev.sightline.query.promql;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * A subquery {@code expr[range:step]}; a step of 0 means the engine's default subquery step.
 */
public record SubqueryExpr(
    Expr expr, long rangeMs, long stepMs, long offsetMs, @Nullable AtModifier at, int pos)
    implements Expr {
  public SubqueryExpr {
    requireNonNull(expr, "expr");
  }

  @Override
  public ValueType type() {
    return ValueType.MATRIX;
  }

  SubqueryExpr withOffset(long offset) {
    return new SubqueryExpr(expr, rangeMs, stepMs, offset, at, pos);
  }

  SubqueryExpr withAt(AtModifier modifier) {
    return new SubqueryExpr(expr, rangeMs, stepMs, offsetMs, modifier, pos);
  }
}
