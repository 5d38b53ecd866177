package dev.sightline.query.promql;

import static java.util.Objects.requireNonNull;

/**
 * Parses PromQL as Prometheus 2.x does: the same grammar, operator precedence, type checks and
 * error messages ({@code 1:5: parse error: unexpected end of input}).
 */
public final class PromqlParser {
  private PromqlParser() {}

  /**
   * The syntax tree of a query.
   *
   * @throws PromqlException of type {@code bad_data} when the query is not valid PromQL
   */
  public static Expr parse(String query) {
    requireNonNull(query, "query");
    Expr expr = new ExpressionParser(new TokenStream(query)).parseQuery();
    TypeChecker.check(query, expr);
    return expr;
  }
}
