package dev.sightline.query.promql;

/** The evaluation timestamps of a query or subquery: start, start + step, ..., up to end. */
record StepGrid(long start, long end, long step) {
  int count() {
    return (int) ((end - start) / step) + 1;
  }

  long time(int i) {
    return start + i * step;
  }
}
