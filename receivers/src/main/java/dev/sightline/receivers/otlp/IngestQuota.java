package dev.sightline.receivers.otlp;

/**
 * How many items (spans, points, log records) a tenant, and the caller of the current request, may
 * ingest a second. Checked once a request is decoded and its valid items are counted.
 */
@FunctionalInterface
public interface IngestQuota {
  IngestQuota NONE = (tenant, items) -> Admission.ADMITTED;

  /** Whether {@code items} more may be ingested for the tenant now; else how long to wait, and why. */
  Admission admit(String tenant, long items);

  /** Admitted, or refused with the seconds to wait and the limit that was reached. */
  record Admission(long retryAfterSeconds, String reason) {
    public static final Admission ADMITTED = new Admission(0, "");

    public boolean admitted() {
      return retryAfterSeconds <= 0;
    }
  }
}
