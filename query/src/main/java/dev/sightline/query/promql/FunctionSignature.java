package dev.sightline.query.promql;

import static dev.sightline.query.promql.ValueType.MATRIX;
import static dev.sightline.query.promql.ValueType.SCALAR;
import static dev.sightline.query.promql.ValueType.STRING;
import static dev.sightline.query.promql.ValueType.VECTOR;
import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A PromQL function's name and types. {@code variadic} is 0 for a fixed argument list, n for up to
 * n optional trailing arguments and -1 for any number of repetitions of the last argument type,
 * the same encoding as Prometheus's function table.
 */
public record FunctionSignature(String name, List<ValueType> argTypes, int variadic, ValueType returnType) {

  public FunctionSignature {
    requireNonNull(name, "name");
    argTypes = List.copyOf(requireNonNull(argTypes, "argTypes"));
    requireNonNull(returnType, "returnType");
  }

  private static final Map<String, FunctionSignature> ALL = new HashMap<>();

  private static void add(String name, ValueType ret, int variadic, ValueType... args) {
    ALL.put(name, new FunctionSignature(name, List.of(args), variadic, ret));
  }

  static {
    for (String f : List.of("abs", "absent", "acos", "acosh", "asin", "asinh", "atan", "atanh",
        "ceil", "cos", "cosh", "deg", "exp", "floor", "histogram_count", "histogram_sum", "ln",
        "log10", "log2", "rad", "sgn", "sin", "sinh", "sort", "sort_desc", "sqrt", "tan", "tanh",
        "timestamp")) {
      add(f, VECTOR, 0, VECTOR);
    }
    for (String f : List.of("absent_over_time", "avg_over_time", "changes", "count_over_time",
        "delta", "deriv", "idelta", "increase", "irate", "last_over_time", "max_over_time",
        "min_over_time", "present_over_time", "rate", "resets", "stddev_over_time",
        "stdvar_over_time", "sum_over_time")) {
      add(f, VECTOR, 0, MATRIX);
    }
    for (String f : List.of("days_in_month", "day_of_month", "day_of_week", "day_of_year", "hour",
        "minute", "month", "year")) {
      add(f, VECTOR, 1, VECTOR);
    }
    add("clamp", VECTOR, 0, VECTOR, SCALAR, SCALAR);
    add("clamp_max", VECTOR, 0, VECTOR, SCALAR);
    add("clamp_min", VECTOR, 0, VECTOR, SCALAR);
    add("histogram_fraction", VECTOR, 0, SCALAR, SCALAR, VECTOR);
    add("histogram_quantile", VECTOR, 0, SCALAR, VECTOR);
    add("holt_winters", VECTOR, 0, MATRIX, SCALAR, SCALAR);
    add("label_replace", VECTOR, 0, VECTOR, STRING, STRING, STRING, STRING);
    add("label_join", VECTOR, -1, VECTOR, STRING, STRING, STRING);
    add("pi", SCALAR, 0);
    add("predict_linear", VECTOR, 0, MATRIX, SCALAR);
    add("quantile_over_time", VECTOR, 0, SCALAR, MATRIX);
    add("round", VECTOR, 1, VECTOR, SCALAR);
    add("scalar", SCALAR, 0, VECTOR);
    add("time", SCALAR, 0);
    add("vector", VECTOR, 0, SCALAR);
  }

  /** The function with this name, if PromQL has one. */
  public static Optional<FunctionSignature> lookup(String name) {
    return Optional.ofNullable(ALL.get(name));
  }
}
