package dev.sightline.query.promql;

import dev.sightline.query.promql.QueryResult.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs scripts in the format of Prometheus's promql/testdata: {@code load <interval>} with series,
 * {@code clear}, and {@code eval[_fail|_ordered] instant at <time> <query>} with the expected
 * elements, compared with a relative tolerance of 1e-6 as Prometheus's runner does.
 */
final class PromqlScript {
  private static final Pattern EVAL =
      Pattern.compile("^eval(?:_(fail|ordered))?\\s+instant\\s+(?:at\\s+(.+?))?\\s+(.+)$");

  /** One eval command, run against the data loaded before it. */
  record Eval(int line, String query, Runnable check) {}

  static List<Eval> parse(String script) {
    String[] lines = script.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i].trim();
      lines[i] = l.startsWith("#") ? "" : l;
    }
    List<Eval> evals = new ArrayList<>();
    // Each eval replays the loads and clears before it, so that evals run independently.
    List<Runnable> setup = new ArrayList<>();
    InMemorySampleReader reader = new InMemorySampleReader();
    PromqlEngine engine = PromqlEngine.builder(reader).maxSamples(10_000).build();
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i];
      if (l.isEmpty()) {
        continue;
      }
      if (l.equals("clear")) {
        setup.add(reader::clear);
      } else if (l.startsWith("load ")) {
        long interval = Durations.parse(l.substring(5).trim());
        while (i + 1 < lines.length && !lines[i + 1].isEmpty()) {
          SeriesDescription d = SeriesDescription.parse(lines[++i]);
          setup.add(() -> load(reader, d, interval));
        }
      } else {
        Matcher m = EVAL.matcher(l);
        if (!m.matches()) {
          throw new IllegalArgumentException("line " + (i + 1) + ": unknown command " + l);
        }
        String mode = m.group(1) == null ? "" : m.group(1);
        long at = Durations.parse(m.group(2));
        String query = m.group(3);
        List<String> expected = new ArrayList<>();
        while (i + 1 < lines.length && !lines[i + 1].isEmpty()) {
          expected.add(lines[++i]);
        }
        List<Runnable> steps = List.copyOf(setup);
        int line = i + 1;
        evals.add(new Eval(line, query, () -> {
          reader.clear();
          steps.forEach(Runnable::run);
          check(engine, query, at, mode, expected);
        }));
      }
    }
    return evals;
  }

  private static void load(InMemorySampleReader reader, SeriesDescription d, long interval) {
    List<Long> ts = new ArrayList<>();
    List<Double> vs = new ArrayList<>();
    for (int k = 0; k < d.values().size(); k++) {
      if (d.values().get(k) != null) {
        ts.add(k * interval);
        vs.add(d.values().get(k));
      }
    }
    reader.add(d.labels(), ts.stream().mapToLong(Long::longValue).toArray(),
        vs.stream().mapToDouble(Double::doubleValue).toArray());
  }

  private static void check(PromqlEngine engine, String query, long at, String mode, List<String> expected) {
    QueryResult result;
    try {
      result = engine.instantQuery("t", query, at);
    } catch (PromqlException e) {
      if (mode.equals("fail")) {
        return;
      }
      throw new AssertionError("unexpected error: " + e.getMessage(), e);
    }
    if (mode.equals("fail")) {
      throw new AssertionError("expected an error, got " + result);
    }
    if (result instanceof QueryResult.ScalarResult s) {
      if (expected.size() != 1 || !almostEqual(SeriesDescription.number(expected.get(0)), s.value())) {
        throw new AssertionError("expected " + expected + ", got scalar " + s.value());
      }
      return;
    }
    if (!(result instanceof QueryResult.VectorResult v)) {
      throw new AssertionError("expected a vector, got " + result);
    }
    List<Sample> got = v.samples();
    if (got.size() != expected.size()) {
      throw new AssertionError("expected " + expected.size() + " elements " + expected + ", got " + got);
    }
    for (int j = 0; j < expected.size(); j++) {
      SeriesDescription d = SeriesDescription.parse(expected.get(j));
      double want = d.values().get(0);
      Sample match = null;
      for (int k = 0; k < got.size(); k++) {
        if (got.get(k).labels().equals(d.labels())) {
          match = got.get(k);
          if (mode.equals("ordered") && k != j) {
            throw new AssertionError("expected " + d.labels() + " at position " + j + ", got " + got);
          }
        }
      }
      if (match == null) {
        throw new AssertionError("missing " + d.labels() + " in " + got);
      }
      if (!almostEqual(want, match.value())) {
        throw new AssertionError("for " + d.labels() + " expected " + want + ", got " + match.value());
      }
    }
  }

  static boolean almostEqual(double a, double b) {
    if (Double.isNaN(a) && Double.isNaN(b)) {
      return true;
    }
    if (a == b) {
      return true;
    }
    double diff = Math.abs(a - b);
    if (a == 0 || b == 0 || diff < Double.MIN_NORMAL) {
      return diff < 1e-6 * Double.MIN_NORMAL;
    }
    return diff / (Math.abs(a) + Math.abs(b)) < 1e-6;
  }

}
