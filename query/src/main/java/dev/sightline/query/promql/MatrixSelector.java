package dev.sightline.query.promql;

import static java.util.Objects.requireNonNull;

/** A range vector selector {@code selector[range]}; offset and {@code @} live on the selector. */
public record MatrixSelector(VectorSelector selector, long rangeMs, int pos) implements Expr {
  public MatrixSelector {
    requireNonNull(selector, "selector");
  }

  @Override
  public ValueType type() {
    return ValueType.MATRIX;
  }
}
