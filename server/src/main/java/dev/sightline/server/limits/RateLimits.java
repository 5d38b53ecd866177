package dev.sightline.server.limits;

/**
 * Limits per principal: requests a second (with a burst of as many), request bytes a second on
 * ingest paths, and queries running at once. Zero turns a limit off.
 */
public record RateLimits(double requestsPerSecond, double ingestBytesPerSecond, int concurrentQueries) {

  public boolean any() {
    return requestsPerSecond > 0 || ingestBytesPerSecond > 0 || concurrentQueries > 0;
  }
}
