package dev.sightline.server.limits;

/**
 * Rate limits for each caller (key, token, certificate; the client address without authentication)
 * and for each tenant, all callers of the tenant together. Zero turns a limit off.
 */
public record RateLimits(Limits perCaller, Limits perTenant) {
  public static final RateLimits NONE = new RateLimits(Limits.NONE, Limits.NONE);

  /**
   * Requests a second (with a burst of as many), request bytes and items (spans, points, log
   * records) a second on ingest paths, and queries running at once.
   */
  public record Limits(double requestsPerSecond, double ingestBytesPerSecond, double ingestItemsPerSecond,
      int concurrentQueries) {
    public static final Limits NONE = new Limits(0, 0, 0, 0);

    public boolean any() {
      return requestsPerSecond > 0 || ingestBytesPerSecond > 0 || ingestItemsPerSecond > 0 || concurrentQueries > 0;
    }
  }

  public boolean any() {
    return perCaller.any() || perTenant.any();
  }
}
