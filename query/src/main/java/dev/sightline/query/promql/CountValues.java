package dev.sightline.query.promql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** count_values: per step, how many elements of each group have each value. */
final class CountValues {
  private CountValues() {}

  static Value evaluate(Evaluator ev, Aggregate a) {
    String label = ((StringLiteral) Evaluator.unwrap(a.param())).value();
    if (!Lexer.isLabel(label)) {
      throw PromqlException.execution("invalid label name " + GoStrings.quote(label));
    }
    List<StepSeries> in = ev.evalVector(a.expr());
    int steps = ev.steps();
    List<String> dropped = new ArrayList<>(a.grouping());
    dropped.add(Labels.METRIC_NAME);
    List<String> kept = new ArrayList<>(a.grouping());
    kept.add(label);
    Map<Labels, double[]> counts = new LinkedHashMap<>();
    List<Labels> instantOrder = new ArrayList<>();
    for (StepSeries s : in) {
      for (int i = 0; i < steps; i++) {
        double v = s.values()[i];
        if (StepSeries.isAbsent(v)) {
          continue;
        }
        Labels metric = s.labels().with(label, GoStrings.formatFloat(v));
        Labels group = a.without() ? metric.without(dropped) : metric.keep(kept);
        double[] c = counts.get(group);
        if (c == null) {
          c = new double[steps];
          counts.put(group, c);
          instantOrder.add(group);
        }
        c[i]++;
      }
    }
    List<StepSeries> out = new ArrayList<>(counts.size());
    for (Labels group : instantOrder) {
      double[] c = counts.get(group);
      for (int i = 0; i < steps; i++) {
        if (c[i] == 0) {
          c[i] = StepSeries.ABSENT;
        }
      }
      out.add(new StepSeries(group, c));
    }
    return new Value.Vector(out);
  }
}
