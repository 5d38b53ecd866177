package dev.sightline.query.promql;

/** A number such as {@code 1}, {@code 0x1f}, {@code 1e3}, {@code Inf} or {@code NaN}. */
public record NumberLiteral(double value, int pos) implements Expr {
  @Override
  public ValueType type() {
    return ValueType.SCALAR;
  }
}
