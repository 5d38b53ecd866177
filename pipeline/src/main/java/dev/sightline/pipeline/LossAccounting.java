package dev.sightline.pipeline;

/**
 * The counters of DESIGN.md's loss accounting, per signal, transport and tenant: received =
 * accepted + refused at the receivers; accepted = written + dropped + in flight after the log.
 */
public final class LossAccounting {
  private static final String RECEIVED = "sightline_items_received_total";
  private static final String ACCEPTED = "sightline_items_accepted_total";
  private static final String REFUSED = "sightline_items_refused_total";
  private static final String DROPPED = "sightline_items_dropped_total";
  private static final String WRITTEN = "sightline_items_written_total";
  private final SelfMetrics metrics;

  public LossAccounting(SelfMetrics metrics) {
    this.metrics = metrics;
  }

  public void received(Signal s, String transport, String tenant, long n) {
    metrics.counter(RECEIVED, "Items that arrived at a receiver.", "signal", s.label(),
        "transport", transport, "tenant", tenant).add(n);
  }

  public void accepted(Signal s, String transport, String tenant, long n) {
    metrics.counter(ACCEPTED, "Items made durable in the ingest log and acknowledged.",
        "signal", s.label(), "transport", transport, "tenant", tenant).add(n);
  }

  /** Items the client was told were not taken, with why: invalid, too_large, busy, unavailable. */
  public void refused(Signal s, String transport, String tenant, String reason, long n) {
    metrics.counter(REFUSED, "Items refused to the client, by reason.", "signal", s.label(),
        "transport", transport, "tenant", tenant, "reason", reason).add(n);
  }

  public void dropped(Signal s, String tenant, String reason, long n) {
    metrics.counter(DROPPED, "Accepted items dropped on purpose or by failure, by reason.",
        "signal", s.label(), "tenant", tenant, "reason", reason).add(n);
  }

  public void written(Signal s, String tenant, long n) {
    metrics.counter(WRITTEN, "Items stored.", "signal", s.label(), "tenant", tenant).add(n);
  }

  public long writtenCount(Signal s, String tenant) {
    return metrics.value(WRITTEN, "signal", s.label(), "tenant", tenant);
  }
}
