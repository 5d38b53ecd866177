package dev.sightline.query.promql;

import dev.sightline.storage.LabelMatcher;
import dev.sightline.storage.SampleReader;
import dev.sightline.storage.SampleSeries;
import dev.sightline.storage.StorageException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** A {@link SampleReader} over series held in memory, for tests; ignores the tenant. */
final class InMemorySampleReader implements SampleReader {
  private final List<SampleSeries> series = new ArrayList<>();
  int selects;

  void add(Map<String, String> labels, long[] ts, double[] values) {
    series.add(new SampleSeries(new TreeMap<>(labels), ts, values));
    series.sort(Comparator.comparing(s -> Labels.of(s.labels())));
  }

  void clear() {
    series.clear();
  }

  private static boolean matches(SampleSeries s, List<LabelMatcher> matchers) {
    for (LabelMatcher m : matchers) {
      if (!Matchers.matches(m, s.labels().getOrDefault(m.name(), ""))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public List<SampleSeries> select(String tenant, List<LabelMatcher> matchers, long minMs, long maxMs,
      SelectLimits limits) {
    selects++;
    List<SampleSeries> out = new ArrayList<>();
    long samples = 0;
    for (SampleSeries s : series) {
      if (!matches(s, matchers)) {
        continue;
      }
      long[] ts = s.timestamps();
      int lo = 0;
      while (lo < ts.length && ts[lo] < minMs) {
        lo++;
      }
      int hi = lo;
      while (hi < ts.length && ts[hi] <= maxMs) {
        hi++;
      }
      if (hi == lo) {
        continue;
      }
      samples += hi - lo;
      out.add(new SampleSeries(s.labels(), Arrays.copyOfRange(ts, lo, hi),
          Arrays.copyOfRange(s.values(), lo, hi)));
      if (out.size() > limits.maxSeries()) {
        throw new StorageException("select would return more than " + limits.maxSeries() + " series");
      }
      if (samples > limits.maxSamples()) {
        throw new StorageException("select would return more than " + limits.maxSamples() + " samples");
      }
    }
    return out;
  }

  @Override
  public List<Map<String, String>> series(String tenant, List<LabelMatcher> matchers, long minMs,
      long maxMs, int limit) {
    List<Map<String, String>> out = new ArrayList<>();
    for (SampleSeries s : select(tenant, matchers, minMs, maxMs, SelectLimits.NONE)) {
      if (out.size() < limit) {
        out.add(s.labels());
      }
    }
    return out;
  }

  @Override
  public List<String> labelNames(String tenant, List<LabelMatcher> matchers, long minMs, long maxMs) {
    TreeSet<String> names = new TreeSet<>();
    for (SampleSeries s : select(tenant, matchers, minMs, maxMs, SelectLimits.NONE)) {
      names.addAll(s.labels().keySet());
    }
    return new ArrayList<>(names);
  }

  @Override
  public List<String> labelValues(String tenant, String name, List<LabelMatcher> matchers, long minMs,
      long maxMs) {
    TreeSet<String> values = new TreeSet<>();
    for (SampleSeries s : select(tenant, matchers, minMs, maxMs, SelectLimits.NONE)) {
      String v = s.labels().get(name);
      if (v != null) {
        values.add(v);
      }
    }
    return new ArrayList<>(values);
  }
}
