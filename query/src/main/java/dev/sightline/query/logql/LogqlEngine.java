package dev.sightline.query.logql;

import dev.sightline.query.logql.LogqlExpr.LineFilter;
import dev.sightline.query.logql.LogqlExpr.LogQuery;
import dev.sightline.query.logql.LogqlExpr.RangeAggregation;
import dev.sightline.query.logql.LogqlExpr.VectorAggregation;
import dev.sightline.storage.LabelMatcher;
import dev.sightline.storage.LogRecordReader;
import dev.sightline.storage.Page;
import dev.sightline.storage.PageCursor;
import dev.sightline.storage.StoredLog;
import dev.sightline.storage.TimeRange;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Evaluates LogQL over stored log records of one tenant. Records are read newest first through the
 * log store, with the service and one line filter pushed down, and every other matcher and stage
 * applied here; at most {@code maxScanned} records are read per query, and an answer that stopped
 * there says so ({@link Streams#truncated()}, {@link Matrix#truncated()}).
 */
public final class LogqlEngine {
  private static final int PAGE = 1000;
  private final LogRecordReader logs;
  private final int maxScanned;

  /** Log lines grouped by their labels. */
  public record Stream(Map<String, String> labels, List<LogLine> lines) {}

  public record Streams(List<Stream> streams, boolean truncated) {}

  /** A metric series: values at the query's steps, NaN where there is none. */
  public record Series(Map<String, String> labels, double[] values) {}

  public record Matrix(long startMs, long stepMs, int steps, List<Series> series, boolean truncated) {}

  public LogqlEngine(LogRecordReader logs, int maxScanned) {
    this.logs = logs;
    this.maxScanned = maxScanned;
  }

  /** The {@code limit} lines nearest the end (backward) or the start (forward) of the range, by stream. */
  public Streams logs(String tenant, LogQuery q, long startNs, long endNs, int limit, boolean forward) {
    List<LogLine> found = new ArrayList<>();
    boolean truncated = scan(tenant, q, startNs, endNs, line -> {
      found.add(line);
      return forward || found.size() < limit;
    });
    if (forward) {
      found.sort(Comparator.comparingLong(LogLine::timeNanos));
      if (found.size() > limit) {
        found.subList(limit, found.size()).clear();
      }
    }
    Map<Map<String, String>, List<LogLine>> byStream = new LinkedHashMap<>();
    for (LogLine l : found) {
      byStream.computeIfAbsent(l.labels(), k -> new ArrayList<>()).add(l);
    }
    List<Stream> out = new ArrayList<>();
    byStream.forEach((labels, lines) -> out.add(new Stream(labels, lines)));
    return new Streams(out, truncated);
  }

  /** A metric query at every step from {@code startMs} to {@code endMs}. */
  public Matrix metric(String tenant, LogqlExpr e, long startMs, long endMs, long stepMs) {
    if (stepMs <= 0) {
      throw new LogqlException("the step must be positive");
    }
    int steps = (int) Math.min(11_000, (endMs - startMs) / stepMs + 1);
    if ((endMs - startMs) / stepMs + 1 > 11_000) {
      throw new LogqlException("the query would return more than 11000 points per series; raise the step");
    }
    boolean[] truncated = new boolean[1];
    List<Series> series = eval(tenant, e, startMs, stepMs, steps, truncated);
    return new Matrix(startMs, stepMs, steps, series, truncated[0]);
  }

  private List<Series> eval(String tenant, LogqlExpr e, long startMs, long stepMs, int steps, boolean[] truncated) {
    return switch (e) {
      case LogQuery q -> throw new LogqlException("a metric query is needed here, such as count_over_time(" + "{…}[5m])");
      case RangeAggregation r -> overTime(tenant, r, startMs, stepMs, steps, truncated);
      case VectorAggregation v -> aggregate(v, eval(tenant, v.inner(), startMs, stepMs, steps, truncated), steps);
    };
  }

  private List<Series> overTime(String tenant, RangeAggregation r, long startMs, long stepMs, int steps, boolean[] truncated) {
    long rangeMs = r.range().toMillis();
    long endMs = startMs + (steps - 1) * stepMs;
    Map<Map<String, String>, double[]> counts = new LinkedHashMap<>();
    truncated[0] |= scan(tenant, r.query(), (startMs - rangeMs) * 1_000_000L + 1, endMs * 1_000_000L, line -> {
      long ts = Math.floorDiv(line.timeNanos(), 1_000_000L);
      // Steps t with t - range < ts <= t.
      long first = Math.max(0, ceilDiv(ts - startMs, stepMs));
      long last = Math.min(steps - 1L, ceilDiv(ts + rangeMs - startMs, stepMs) - 1);
      if (first <= last) {
        Map<String, String> labels = new TreeMap<>(line.labels());
        labels.remove("__error__");
        double[] c = counts.computeIfAbsent(labels, k -> new double[steps]);
        for (long i = first; i <= last; i++) {
          c[(int) i]++;
        }
      }
      return true;
    });
    double perSecond = r.function().equals("rate") ? rangeMs / 1000.0 : 1;
    List<Series> out = new ArrayList<>();
    counts.forEach((labels, c) -> {
      double[] v = new double[steps];
      for (int i = 0; i < steps; i++) {
        v[i] = c[i] == 0 ? Double.NaN : c[i] / perSecond;
      }
      out.add(new Series(labels, v));
    });
    return out;
  }

  private static List<Series> aggregate(VectorAggregation a, List<Series> in, int steps) {
    Map<Map<String, String>, List<Series>> groups = new LinkedHashMap<>();
    for (Series s : in) {
      Map<String, String> key = new TreeMap<>();
      s.labels().forEach((k, v) -> {
        if (a.without() ? !a.labels().contains(k) : a.labels().contains(k)) {
          key.put(k, v);
        }
      });
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
    }
    List<Series> out = new ArrayList<>();
    groups.forEach((labels, members) -> {
      double[] v = new double[steps];
      Arrays.fill(v, Double.NaN);
      for (int i = 0; i < steps; i++) {
        int n = 0;
        double acc = 0;
        for (Series s : members) {
          double x = s.values()[i];
          if (Double.isNaN(x)) {
            continue;
          }
          acc = n == 0 ? (a.operation().equals("count") ? 1 : x) : switch (a.operation()) {
            case "min" -> Math.min(acc, x);
            case "max" -> Math.max(acc, x);
            case "count" -> acc + 1;
            default -> acc + x;
          };
          n++;
        }
        if (n > 0) {
          v[i] = a.operation().equals("avg") ? acc / n : acc;
        }
      }
      out.add(new Series(labels, v));
    });
    return out;
  }

  /** The label sets of the streams whose lines match, in the range. */
  public List<Map<String, String>> series(String tenant, List<LabelMatcher> matchers, long startNs, long endNs) {
    Map<Map<String, String>, Boolean> seen = new LinkedHashMap<>();
    scan(tenant, new LogQuery(matchers, List.of()), startNs, endNs, line -> {
      seen.putIfAbsent(line.labels(), true);
      return true;
    });
    return new ArrayList<>(seen.keySet());
  }

  /**
   * Reads matching lines newest first until {@code each} returns false or {@code maxScanned}
   * records were read; returns whether the scan stopped at that limit.
   */
  private boolean scan(String tenant, LogQuery q, long startNs, long endNs, Predicate<LogLine> each) {
    if (endNs < startNs) {
      return false;
    }
    dev.sightline.storage.LogQuery.Builder b = dev.sightline.storage.LogQuery.builder(tenant)
        .range(new TimeRange(Math.max(0, startNs), endNs)).limit(PAGE);
    q.matchers().stream().filter(m -> m.name().equals("service_name") && m.op() == LabelMatcher.Op.EQ).findFirst()
        .ifPresent(m -> b.service(m.value()));
    q.stages().stream().filter(s -> s instanceof LineFilter f && f.op().equals("|=")).map(s -> ((LineFilter) s).value())
        .findFirst().ifPresent(b::bodyContains);
    Predicate<Map<String, String>> selected = LinePipeline.matcher(q.matchers());
    int scanned = 0;
    PageCursor cursor = null;
    while (true) {
      Page<StoredLog> page = logs.search(b.cursor(cursor).build());
      for (StoredLog log : page.items()) {
        scanned++;
        Map<String, String> labels = StreamLabels.of(log);
        if (!selected.test(labels)) {
          continue;
        }
        long ts = log.record().getTimeUnixNano() != 0 ? log.record().getTimeUnixNano() : log.record().getObservedTimeUnixNano();
        Optional<LogLine> kept = LinePipeline.run(q.stages(), new LogLine(labels, ts, body(log)));
        if (kept.isPresent() && !each.test(kept.get())) {
          return false;
        }
      }
      if (page.nextCursor() == null) {
        return false;
      }
      if (scanned >= maxScanned) {
        return true;
      }
      cursor = PageCursor.decode(page.nextCursor());
    }
  }

  private static String body(StoredLog log) {
    var v = log.record().getBody();
    return v.hasStringValue() ? v.getStringValue() : v.getValueCase() == io.opentelemetry.proto.common.v1.AnyValue.ValueCase.VALUE_NOT_SET
        ? "" : dev.sightline.otlp.AnyValueJson.value(v);
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }
}
