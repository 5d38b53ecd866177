package dev.sightline.query.promql;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** An aggregation such as {@code topk by (job) (3, x)}. */
public record Aggregate(
    AggregateOp op, Expr expr, @Nullable Expr param, List<String> grouping, boolean without, int pos)
    implements Expr {
  public Aggregate {
    requireNonNull(op, "op");
    requireNonNull(expr, "expr");
    grouping = List.copyOf(requireNonNull(grouping, "grouping"));
  }

  @Override
  public ValueType type() {
    return ValueType.VECTOR;
  }
}
