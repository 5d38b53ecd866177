package dev.sightline.query.promql;

/**
 * A parsed PromQL expression. Every node remembers {@link #pos()}, the byte offset in the query
 * where it starts, so that type errors can point where Prometheus points.
 */
public sealed interface Expr
    permits NumberLiteral, StringLiteral, VectorSelector, MatrixSelector, SubqueryExpr, Call,
        Aggregate, Binary, Unary, Paren {

  ValueType type();

  int pos();
}
