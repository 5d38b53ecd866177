package dev.sightline.storage.duckdb;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Samples stored and left out, by reason, for self-metrics. */
final class SampleCounters {
  static final String ACCEPTED = "accepted";
  static final String OUT_OF_WINDOW = "rejected_out_of_order_window";
  static final String DELTA_NOT_NEWER = "rejected_delta_not_newer";
  static final String CHUNKS_MERGED = "chunks_merged";

  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  void add(String what, long n) {
    if (n != 0) {
      counts.computeIfAbsent(what, k -> new LongAdder()).add(n);
    }
  }

  void set(String what, long n) {
    LongAdder a = counts.computeIfAbsent(what, k -> new LongAdder());
    a.reset();
    a.add(n);
  }

  /** Every count by name, the ones still zero included. */
  Map<String, Long> snapshot() {
    Map<String, Long> out = new TreeMap<>();
    for (String name : new String[] {ACCEPTED, OUT_OF_WINDOW, DELTA_NOT_NEWER, CHUNKS_MERGED}) {
      out.put(name, 0L);
    }
    counts.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }
}
