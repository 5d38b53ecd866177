package dev.sightline.server.limits;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.jspecify.annotations.Nullable;

/** The buckets and query slots of one kind of subject: callers, or tenants. */
final class Scope {
  private static final int MAX_SUBJECTS = 100_000;
  final String kind;
  final Buckets requests;
  final Buckets bytes;
  final Buckets items;
  private final int concurrentQueries;
  private final Map<String, Semaphore> queries = new ConcurrentHashMap<>();

  Scope(String kind, RateLimits.Limits limits) {
    this.kind = kind;
    this.requests = new Buckets(limits.requestsPerSecond());
    this.bytes = new Buckets(limits.ingestBytesPerSecond());
    this.items = new Buckets(limits.ingestItemsPerSecond());
    this.concurrentQueries = limits.concurrentQueries();
  }

  /** A query slot of the subject, or null when its queries all run already (or there is no limit: a dummy). */
  @Nullable Semaphore querySlot(String subject) {
    if (concurrentQueries <= 0) {
      return new Semaphore(1);
    }
    if (queries.size() > MAX_SUBJECTS) {
      queries.clear();
    }
    Semaphore running = queries.computeIfAbsent(subject, k -> new Semaphore(concurrentQueries));
    return running.tryAcquire() ? running : null;
  }
}
