package dev.sightline.otlp.prometheus;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Running totals that turn delta samples into cumulative ones, per series (its full label set, so
 * each histogram bucket adds up on its own). Changes stay pending until {@link #commit()}, so a
 * batch that fails and is retried does not count twice. The totals live in memory only: after a
 * restart they start again from zero, which PromQL's {@code rate} reads as a counter reset. The
 * least recently updated series are forgotten beyond {@code maxSeries}, with the same effect.
 */
final class DeltaAccumulator {
  private record Total(long lastMs, double value) {}

  private final int maxSeries;
  private final LinkedHashMap<Map<String, String>, Total> committed;
  private final Map<Map<String, String>, Total> pending = new HashMap<>();
  private long dropped;

  DeltaAccumulator(int maxSeries) {
    this.maxSeries = maxSeries;
    this.committed = new LinkedHashMap<>(1024, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<Map<String, String>, Total> eldest) {
        return size() > DeltaAccumulator.this.maxSeries;
      }
    };
  }

  /**
   * The cumulative value after adding {@code delta} at {@code timestampMs}, or empty (and counted)
   * when the series already has a value at or after that time: an older delta cannot be added
   * into totals that were already reported.
   */
  OptionalDouble add(Map<String, String> labels, long timestampMs, double delta) {
    Total before = pending.get(labels);
    if (before == null) {
      before = committed.get(labels);
    }
    if (before != null && timestampMs <= before.lastMs()) {
      dropped++;
      return OptionalDouble.empty();
    }
    double total = (before == null ? 0 : before.value()) + delta;
    pending.put(labels, new Total(timestampMs, total));
    return OptionalDouble.of(total);
  }

  void commit() {
    committed.putAll(pending);
    pending.clear();
  }

  void rollback() {
    pending.clear();
  }

  /** Delta samples left out because they were not newer than the series' total. */
  long dropped() {
    return dropped;
  }
}
