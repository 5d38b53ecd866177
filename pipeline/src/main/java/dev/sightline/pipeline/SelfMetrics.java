package dev.sightline.pipeline;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;

/**
 * Counters and gauges about Sightline itself, exposed at {@code /metrics} in the Prometheus text
 * format. Families are declared once with their help text; series are created on first use.
 */
public final class SelfMetrics {
  private final Map<String, Family> families = new ConcurrentHashMap<>();

  private record Family(String name, String help, String type,
      Map<String, LongAdder> counters, Map<String, DoubleSupplier> gauges) {}

  /** A counter series: {@code name{labels}}, labels given as alternating names and values. */
  public LongAdder counter(String name, String help, String... labels) {
    Family f = families.computeIfAbsent(name,
        n -> new Family(n, help, "counter", new ConcurrentHashMap<>(), Map.of()));
    return f.counters().computeIfAbsent(labelText(labels), k -> new LongAdder());
  }

  /** Registers a gauge series read at exposition time. */
  public void gauge(String name, String help, DoubleSupplier value, String... labels) {
    Family f = families.computeIfAbsent(name,
        n -> new Family(n, help, "gauge", Map.of(), new ConcurrentHashMap<>()));
    f.gauges().put(labelText(labels), value);
  }

  /** The current value of a counter series, 0 when it was never used. */
  public long value(String name, String... labels) {
    Family f = families.get(name);
    LongAdder adder = f == null ? null : f.counters().get(labelText(labels));
    return adder == null ? 0 : adder.sum();
  }

  public String exposition() {
    StringBuilder out = new StringBuilder();
    for (Family f : new TreeMap<>(families).values()) {
      out.append("# HELP ").append(f.name()).append(' ').append(f.help()).append('\n');
      out.append("# TYPE ").append(f.name()).append(' ').append(f.type()).append('\n');
      new TreeMap<>(f.counters()).forEach((labels, v) ->
          out.append(f.name()).append(labels).append(' ').append(v.sum()).append('\n'));
      new TreeMap<>(f.gauges()).forEach((labels, v) ->
          out.append(f.name()).append(labels).append(' ').append(format(v.getAsDouble())).append('\n'));
    }
    return out.toString();
  }

  private static String format(double v) {
    return v == Math.rint(v) && !Double.isInfinite(v) ? Long.toString((long) v) : Double.toString(v);
  }

  private static String labelText(String... labels) {
    if (labels.length % 2 != 0) {
      throw new IllegalArgumentException("labels come in name/value pairs");
    }
    if (labels.length == 0) {
      return "";
    }
    StringBuilder b = new StringBuilder("{");
    for (int i = 0; i < labels.length; i += 2) {
      if (i > 0) {
        b.append(',');
      }
      b.append(labels[i]).append("=\"").append(labels[i + 1].replace("\\", "\\\\")
          .replace("\"", "\\\"").replace("\n", "\\n")).append('"');
    }
    return b.append('}').toString();
  }
}
