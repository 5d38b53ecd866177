package dev.sightline.query.promql;

import dev.sightline.storage.LabelMatcher;
import java.util.HashSet;
import java.util.Set;

/**
 * The labels {@code absent()} and {@code absent_over_time()} give their result: those fixed by
 * exactly one equality matcher of the selector. A label matched more than once, or by anything but
 * equality, is left out, as Prometheus has always done.
 */
final class AbsentLabels {
  private AbsentLabels() {}

  static Labels of(Expr arg) {
    Expr e = Evaluator.unwrap(arg);
    VectorSelector vs;
    if (e instanceof VectorSelector v) {
      vs = v;
    } else if (e instanceof MatrixSelector m) {
      vs = m.selector();
    } else {
      return Labels.EMPTY;
    }
    Labels out = Labels.EMPTY;
    Set<String> has = new HashSet<>();
    for (LabelMatcher m : vs.matchers()) {
      if (m.name().equals(Labels.METRIC_NAME)) {
        continue;
      }
      if (m.op() == LabelMatcher.Op.EQ && !has.contains(m.name())) {
        out = out.with(m.name(), m.value());
        has.add(m.name());
      } else {
        out = out.with(m.name(), "");
      }
    }
    return out;
  }
}
