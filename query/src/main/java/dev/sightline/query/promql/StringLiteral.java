package dev.sightline.query.promql;

import static java.util.Objects.requireNonNull;

/** A string, already unquoted. */
public record StringLiteral(String value, int pos) implements Expr {
  public StringLiteral {
    requireNonNull(value, "value");
  }

  @Override
  public ValueType type() {
    return ValueType.STRING;
  }
}
