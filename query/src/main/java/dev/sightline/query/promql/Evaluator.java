package dev.sightline.query.promql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Evaluates a tree over a step grid, every node once for all steps. Each node's result counts
 * against the query's sample budget while it is alive; a node's inputs are released once it has
 * computed its own result.
 */
final class Evaluator {
  final QueryContext ctx;
  final StepGrid grid;

  Evaluator(QueryContext ctx, StepGrid grid) {
    this.ctx = ctx;
    this.grid = grid;
  }

  Evaluator subEvaluator(StepGrid inner) {
    return new Evaluator(ctx, inner);
  }

  int steps() {
    return grid.count();
  }

  Value eval(Expr expr) {
    ctx.checkDeadline();
    long before = ctx.currentSamples();
    Value v = evalNode(expr);
    ctx.resetSamples(before);
    ctx.acquire(sampleCount(v));
    return v;
  }

  private static long sampleCount(Value v) {
    return switch (v) {
      case Value.Vector vec -> {
        long n = 0;
        for (StepSeries s : vec.series()) {
          n += s.presentCount();
        }
        yield n;
      }
      case Value.Range r -> {
        long n = 0;
        for (RawSeries s : r.series()) {
          n += s.size();
        }
        yield n;
      }
      case Value.Scalar s -> s.values().length;
      case Value.Text t -> 0;
    };
  }

  private Value evalNode(Expr expr) {
    return switch (expr) {
      case NumberLiteral n -> scalar(n.value());
      case StringLiteral s -> new Value.Text(s.value());
      case Paren p -> eval(p.expr());
      case Unary u -> unary(u);
      case VectorSelector vs -> Selectors.instant(ctx, grid, vs);
      case MatrixSelector ms -> Selectors.rangeResult(Selectors.range(ctx, grid, ms));
      case SubqueryExpr sq -> Selectors.rangeResult(Selectors.subquery(this, sq));
      case Call c -> Functions.call(this, c);
      case Aggregate a -> Aggregation.evaluate(this, a);
      case Binary b -> BinaryOperations.evaluate(this, b);
    };
  }

  Value.Scalar scalar(double v) {
    double[] values = new double[steps()];
    Arrays.fill(values, v);
    return new Value.Scalar(values);
  }

  /** Evaluates an expression the grammar guarantees to be a scalar. */
  double[] evalScalar(Expr expr) {
    return ((Value.Scalar) eval(expr)).values();
  }

  List<StepSeries> evalVector(Expr expr) {
    return ((Value.Vector) eval(expr)).series();
  }

  /** A range vector argument: a range selector or a subquery, possibly in parentheses. */
  RangeInput evalRange(Expr expr) {
    Expr e = unwrap(expr);
    if (e instanceof MatrixSelector ms) {
      return Selectors.range(ctx, grid, ms);
    }
    return Selectors.subquery(this, (SubqueryExpr) e);
  }

  static Expr unwrap(Expr e) {
    while (e instanceof Paren p) {
      e = p.expr();
    }
    return e;
  }

  private Value unary(Unary u) {
    Value v = eval(u.expr());
    if (!u.negate()) {
      return v;
    }
    if (v instanceof Value.Scalar s) {
      double[] out = new double[s.values().length];
      for (int i = 0; i < out.length; i++) {
        out[i] = -s.values()[i];
      }
      return new Value.Scalar(out);
    }
    List<StepSeries> out = new ArrayList<>();
    for (StepSeries s : ((Value.Vector) v).series()) {
      double[] vals = s.values().clone();
      for (int i = 0; i < vals.length; i++) {
        if (!StepSeries.isAbsent(vals[i])) {
          vals[i] = -vals[i];
        }
      }
      out.add(new StepSeries(s.labels().withoutMetricName(), vals));
    }
    SeriesMerger.requireUnique(out);
    return new Value.Vector(out);
  }
}
