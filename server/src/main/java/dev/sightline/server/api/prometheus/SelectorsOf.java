package dev.sightline.server.api.prometheus;

import dev.sightline.query.promql.Aggregate;
import dev.sightline.query.promql.Binary;
import dev.sightline.query.promql.Call;
import dev.sightline.query.promql.Expr;
import dev.sightline.query.promql.MatrixSelector;
import dev.sightline.query.promql.NumberLiteral;
import dev.sightline.query.promql.Paren;
import dev.sightline.query.promql.StringLiteral;
import dev.sightline.query.promql.SubqueryExpr;
import dev.sightline.query.promql.Unary;
import dev.sightline.query.promql.VectorSelector;
import java.util.ArrayList;
import java.util.List;

/** Every series selector of a PromQL expression, as exemplar queries need them. */
final class SelectorsOf {
  private SelectorsOf() {}

  static List<VectorSelector> of(Expr expr) {
    List<VectorSelector> out = new ArrayList<>();
    collect(expr, out);
    return out;
  }

  private static void collect(Expr e, List<VectorSelector> out) {
    switch (e) {
      case VectorSelector v -> out.add(v);
      case MatrixSelector m -> out.add(m.selector());
      case SubqueryExpr s -> collect(s.expr(), out);
      case Call c -> c.args().forEach(a -> collect(a, out));
      case Aggregate a -> {
        collect(a.expr(), out);
        if (a.param() != null) {
          collect(a.param(), out);
        }
      }
      case Binary b -> {
        collect(b.lhs(), out);
        collect(b.rhs(), out);
      }
      case Unary u -> collect(u.expr(), out);
      case Paren p -> collect(p.expr(), out);
      case NumberLiteral n -> { }
      case StringLiteral s -> { }
    }
  }
}
