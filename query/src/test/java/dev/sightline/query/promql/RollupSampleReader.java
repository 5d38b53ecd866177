package dev.sightline.query.promql;

import dev.sightline.storage.LabelMatcher;
import dev.sightline.storage.RollupAggregate;
import dev.sightline.storage.SampleReader;
import dev.sightline.storage.SampleSeries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Raw samples from an {@link InMemorySampleReader} and rollups computed from them on request, as
 * the embedded store keeps them, for windows ending up to {@link #coveredUntil}; records requests.
 */
final class RollupSampleReader implements SampleReader {
  final InMemorySampleReader raw = new InMemorySampleReader();
  final List<String> requests = new ArrayList<>();
  long coveredUntil = Long.MAX_VALUE;

  @Override
  public Optional<List<SampleSeries>> selectRollup(String tenant, List<LabelMatcher> matchers, long minMs,
      long maxMs, SelectLimits limits, long res, RollupAggregate aggregate) {
    requests.add(res / 60_000 + "m " + aggregate);
    if (Math.floorDiv(maxMs, res) * res + res > coveredUntil) {
      return Optional.empty();
    }
    List<SampleSeries> out = new ArrayList<>();
    for (SampleSeries s : raw.select(tenant, matchers, Long.MIN_VALUE, Long.MAX_VALUE, SelectLimits.NONE)) {
      long[] ts = s.timestamps();
      double[] vs = s.values();
      long[] outT = new long[ts.length];
      double[] outV = new double[ts.length];
      int n = 0;
      for (int from = 0; from < ts.length; ) {
        long window = Math.floorDiv(ts[from], res);
        int to = from;
        double min = vs[from];
        double max = vs[from];
        double sum = 0;
        double increase = 0;
        while (to < ts.length && Math.floorDiv(ts[to], res) == window) {
          min = Math.min(min, vs[to]);
          max = Math.max(max, vs[to]);
          sum += vs[to];
          if (to > 0) {
            increase += vs[to] < vs[to - 1] ? vs[to] : vs[to] - vs[to - 1];
          }
          to++;
        }
        long lastT = ts[to - 1];
        if (lastT >= minMs && lastT <= maxMs) {
          outT[n] = lastT;
          outV[n] = switch (aggregate) {
            case MIN -> min;
            case MAX -> max;
            case SUM -> sum;
            case COUNT -> to - from;
            case LAST -> vs[to - 1];
            case COUNTER -> n == 0 ? vs[to - 1] : outV[n - 1] + increase;
          };
          n++;
        }
        from = to;
      }
      if (n > 0) {
        out.add(new SampleSeries(s.labels(), Arrays.copyOf(outT, n), Arrays.copyOf(outV, n)));
      }
    }
    return Optional.of(out);
  }

  @Override
  public List<SampleSeries> select(String tenant, List<LabelMatcher> matchers, long minMs, long maxMs,
      SelectLimits limits) {
    return raw.select(tenant, matchers, minMs, maxMs, limits);
  }

  @Override
  public List<Map<String, String>> series(String tenant, List<LabelMatcher> matchers, long minMs, long maxMs,
      int limit) {
    return raw.series(tenant, matchers, minMs, maxMs, limit);
  }

  @Override
  public List<String> labelNames(String tenant, List<LabelMatcher> matchers, long minMs, long maxMs) {
    return raw.labelNames(tenant, matchers, minMs, maxMs);
  }

  @Override
  public List<String> labelValues(String tenant, String name, List<LabelMatcher> matchers, long minMs,
      long maxMs) {
    return raw.labelValues(tenant, name, matchers, minMs, maxMs);
  }
}
