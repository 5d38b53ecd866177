package dev.sightline.query.promql;

/** Samples of one series as a range vector sees them: no stale markers, oldest first. */
record RawSeries(Labels labels, long[] timestamps, double[] values) {
  int size() {
    return timestamps.length;
  }
}
