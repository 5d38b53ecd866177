package dev.sightline.storage.duckdb;

import dev.sightline.otlp.prometheus.SampleSink;
import dev.sightline.storage.MetricMetadata;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The samples of one write batch, gathered per series: what becomes one chunk row per series.
 * Set the entry with {@link #entry} before mapping its metrics into this sink.
 */
final class SampleBatch implements SampleSink {
  /** A series: its tenant and labels, hashed once (hashing a label map walks all of it). */
  static final class Key {
    private final String tenant;
    private final SortedMap<String, String> labels;
    private final int hash;

    Key(String tenant, SortedMap<String, String> labels) {
      this.tenant = tenant;
      this.labels = labels;
      this.hash = 31 * tenant.hashCode() + labels.hashCode();
    }

    String tenant() {
      return tenant;
    }

    SortedMap<String, String> labels() {
      return labels;
    }

    @Override
    public boolean equals(Object o) {
      return o == this || o instanceof Key k && hash == k.hash && tenant.equals(k.tenant) && labels.equals(k.labels);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  /** One series' samples in arrival order and the newest entry sequence they came from. */
  static final class Samples {
    long[] timestamps = new long[4];
    double[] values = new double[4];
    int size;
    long seq;

    void add(long t, double v, long entrySeq) {
      if (size == timestamps.length) {
        timestamps = Arrays.copyOf(timestamps, size * 2);
        values = Arrays.copyOf(values, size * 2);
      }
      timestamps[size] = t;
      values[size] = v;
      size++;
      seq = Math.max(seq, entrySeq);
    }
  }

  private final Map<Key, Samples> series = new LinkedHashMap<>();
  private final Map<String, Map<String, MetricMetadata>> metadata = new LinkedHashMap<>();
  private final List<ExemplarStore.Pending> exemplars = new ArrayList<>();
  private String tenant = "";
  private long seq;
  private long count;
  /*
   * The series of the last sample, by the identity of its label map: mappings pass one map for a
   * run of samples of one series, and a map passed to the sink is not changed after.
   */
  private @Nullable Map<String, String> lastLabels;
  private @Nullable Samples lastSamples;

  void entry(String tenant, long seq) {
    this.tenant = tenant;
    this.seq = seq;
    lastLabels = null;
    lastSamples = null;
  }

  @Override
  public void sample(Map<String, String> labels, long timestampMs, double value) {
    Samples samples = lastSamples;
    if (labels != lastLabels || samples == null) {
      SortedMap<String, String> sorted = labels instanceof TreeMap<String, String> t ? t : new TreeMap<>(labels);
      samples = series.computeIfAbsent(new Key(tenant, sorted), k -> new Samples());
      lastLabels = labels;
      lastSamples = samples;
    }
    samples.add(timestampMs, value, seq);
    count++;
  }

  @Override
  public void metadata(String family, String type, String help, String unit) {
    metadata.computeIfAbsent(tenant, t -> new LinkedHashMap<>()).put(family, new MetricMetadata(type, help, unit));
  }

  @Override
  public void exemplar(Map<String, String> series, long timestampMs, double value, Map<String, String> labels) {
    exemplars.add(new ExemplarStore.Pending(tenant, seq, new TreeMap<>(series), timestampMs, value, new TreeMap<>(labels)));
  }

  List<ExemplarStore.Pending> exemplars() {
    return exemplars;
  }

  /** The metadata of the families seen in this batch, by tenant, the last one of each winning. */
  Map<String, Map<String, MetricMetadata>> metadata() {
    return metadata;
  }

  Map<Key, Samples> series() {
    return series;
  }

  long count() {
    return count;
  }
}
