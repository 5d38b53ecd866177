package dev.sightline.storage;

import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.util.function.UnaryOperator;

/**
 * Changes stored items in place, for re-running processors over data already stored (a new
 * masking rule, for example). Each item is handed over alone, with its resource and scope; an
 * edit may change attributes, the resource, events and log bodies, not ids or times. Backends with
 * {@link Capability#REWRITE} provide one.
 */
public interface StoredDataRewriter {

  /** What a rewrite did: items looked at, items changed, and whether the limit stopped it early. */
  record Report(long examined, long changed, boolean truncated, long lastTimeNanos) {}

  /**
   * Applies {@code edit} to the spans of {@code tenant} that start in {@code range}, oldest first,
   * at most {@code limit} of them; with {@code dryRun} nothing is written.
   */
  Report rewriteSpans(String tenant, TimeRange range, int limit, boolean dryRun, UnaryOperator<ResourceSpans> edit);

  /** The same for log records, by their time (observed time when they have none). */
  Report rewriteLogs(String tenant, TimeRange range, int limit, boolean dryRun, UnaryOperator<ResourceLogs> edit);
}
