package dev.sightline.query.promql;

import static java.util.Objects.requireNonNull;

/**
 * A binary operation. {@code opPos} is where the operator is written, used by errors about the
 * operator itself. The matching is only meaningful between two instant vectors.
 */
public record Binary(
    BinaryOp op, Expr lhs, Expr rhs, boolean returnBool, VectorMatching matching, int pos, int opPos)
    implements Expr {
  public Binary {
    requireNonNull(op, "op");
    requireNonNull(lhs, "lhs");
    requireNonNull(rhs, "rhs");
    requireNonNull(matching, "matching");
  }

  @Override
  public ValueType type() {
    return lhs.type() == ValueType.SCALAR && rhs.type() == ValueType.SCALAR
        ? ValueType.SCALAR
        : ValueType.VECTOR;
  }
}
