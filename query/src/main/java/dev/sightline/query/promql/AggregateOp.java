package dev.sightline.query.promql;

/** The aggregation operators; some take a parameter before the aggregated vector. */
public enum AggregateOp {
  SUM, AVG, COUNT, MIN, MAX, GROUP, STDDEV, STDVAR, TOPK, BOTTOMK, COUNT_VALUES, QUANTILE;

  public boolean hasParam() {
    return this == TOPK || this == BOTTOMK || this == COUNT_VALUES || this == QUANTILE;
  }

  /** The keyword as written in queries. */
  public String keyword() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
