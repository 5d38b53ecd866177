package dev.sightline.query.promql;

import static dev.sightline.query.promql.ValueType.SCALAR;
import static dev.sightline.query.promql.ValueType.STRING;
import static dev.sightline.query.promql.ValueType.VECTOR;

import dev.sightline.query.promql.VectorMatching.Cardinality;
import dev.sightline.storage.LabelMatcher;
import java.util.List;

/**
 * The checks Prometheus runs on a syntactically valid tree, in the order it runs them so that
 * the first error reported is the same.
 */
final class TypeChecker {
  private final String query;

  private TypeChecker(String query) {
    this.query = query;
  }

  static void check(String query, Expr expr) {
    new TypeChecker(query).check(expr);
  }

  private PromqlException error(int pos, String message) {
    return PromqlException.parseError(query, pos, message);
  }

  private ValueType check(Expr node) {
    switch (node) {
      case Aggregate a -> {
        expectType(a.expr(), VECTOR, "aggregation expression");
        if (a.op() == AggregateOp.TOPK || a.op() == AggregateOp.BOTTOMK || a.op() == AggregateOp.QUANTILE) {
          expectType(a.param(), SCALAR, "aggregation parameter");
        }
        if (a.op() == AggregateOp.COUNT_VALUES) {
          expectType(a.param(), STRING, "aggregation parameter");
        }
      }
      case Binary b -> checkBinary(b);
      case Call c -> checkCall(c);
      case Paren p -> check(p.expr());
      case Unary u -> {
        ValueType t = check(u.expr());
        if (t != SCALAR && t != VECTOR) {
          throw error(u.pos(), "unary expression only allowed on expressions of type scalar or "
              + "instant vector, got " + GoStrings.quote(t.documentedName()));
        }
      }
      case SubqueryExpr s -> {
        ValueType t = check(s.expr());
        if (t != VECTOR) {
          throw error(s.pos(), "subquery is only allowed on instant vector, got " + t.shortName() + " instead");
        }
      }
      case MatrixSelector m -> check(m.selector());
      case VectorSelector v -> checkSelector(v);
      case NumberLiteral n -> { }
      case StringLiteral s -> { }
    }
    return node.type();
  }

  private void expectType(Expr node, ValueType want, String context) {
    ValueType t = check(node);
    if (t != want) {
      throw error(node.pos(), "expected type " + want.documentedName() + " in " + context + ", got "
          + t.documentedName());
    }
  }

  private void checkBinary(Binary n) {
    ValueType lt = check(n.lhs());
    ValueType rt = check(n.rhs());
    BinaryOp op = n.op();
    if (n.returnBool() && !op.isComparison()) {
      throw error(n.opPos(), "bool modifier can only be used on comparison operators");
    }
    if (op.isComparison() && !n.returnBool() && lt == SCALAR && rt == SCALAR) {
      throw error(n.opPos(), "comparisons between scalars must use BOOL modifier");
    }
    VectorMatching m = n.matching();
    if (m.on()) {
      for (String l : m.labels()) {
        if (m.include().contains(l)) {
          throw error(n.opPos(), "label " + GoStrings.quote(l) + " must not occur in ON and GROUP clause at once");
        }
      }
    }
    if (lt != SCALAR && lt != VECTOR) {
      throw error(n.lhs().pos(), "binary expression must contain only scalar and instant vector types");
    }
    if (rt != SCALAR && rt != VECTOR) {
      throw error(n.rhs().pos(), "binary expression must contain only scalar and instant vector types");
    }
    if (lt != VECTOR || rt != VECTOR) {
      if (!m.labels().isEmpty()) {
        throw error(n.pos(), "vector matching only allowed between instant vectors");
      }
    } else if (op.isSetOperator()) {
      if (m.cardinality() == Cardinality.ONE_TO_MANY || m.cardinality() == Cardinality.MANY_TO_ONE) {
        throw error(n.pos(), "no grouping allowed for " + GoStrings.quote(op.symbol()) + " operation");
      }
    }
    if ((lt == SCALAR || rt == SCALAR) && op.isSetOperator()) {
      throw error(n.pos(), "set operator " + GoStrings.quote(op.symbol()) + " not allowed in binary scalar expression");
    }
  }

  private void checkCall(Call c) {
    FunctionSignature f = c.function();
    List<ValueType> types = f.argTypes();
    int n = c.args().size();
    String name = GoStrings.quote(f.name());
    if (f.variadic() == 0) {
      if (types.size() != n) {
        throw error(c.pos(), "expected " + types.size() + " argument(s) in call to " + name + ", got " + n);
      }
    } else {
      int required = types.size() - 1;
      if (required > n) {
        throw error(c.pos(), "expected at least " + required + " argument(s) in call to " + name + ", got " + n);
      }
      int max = required + f.variadic();
      if (f.variadic() > 0 && max < n) {
        throw error(c.pos(), "expected at most " + max + " argument(s) in call to " + name + ", got " + n);
      }
    }
    for (int i = 0; i < n; i++) {
      int t = i;
      if (i >= types.size()) {
        if (f.variadic() == 0) {
          break;
        }
        t = types.size() - 1;
      }
      expectType(c.args().get(i), types.get(t), "call to function " + name);
    }
  }

  private void checkSelector(VectorSelector v) {
    List<LabelMatcher> ms = v.matchers();
    if (v.name() != null) {
      for (LabelMatcher m : ms.subList(0, ms.size() - 1)) {
        if (m.name().equals("__name__")) {
          throw error(v.pos(), "metric name must not be set twice: " + GoStrings.quote(v.name())
              + " or " + GoStrings.quote(m.value()));
        }
      }
      return;
    }
    for (LabelMatcher m : ms) {
      if (!Matchers.matches(m, "")) {
        return;
      }
    }
    throw error(v.pos(), "vector selector must contain at least one non-empty matcher");
  }

}
