package dev.sightline.query.promql;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A function call such as {@code rate(x[5m])}. */
public record Call(FunctionSignature function, List<Expr> args, int pos) implements Expr {
  public Call {
    requireNonNull(function, "function");
    args = List.copyOf(requireNonNull(args, "args"));
  }

  @Override
  public ValueType type() {
    return function.returnType();
  }
}
