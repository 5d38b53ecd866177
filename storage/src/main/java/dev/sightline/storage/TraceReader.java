package dev.sightline.storage;

import java.util.List;

/** Reads spans. */
public interface TraceReader {

  /** All spans of the trace (lowercase hex id), whatever their time; empty when unknown. */
  List<StoredSpan> trace(String tenant, String traceId);

  Page<TraceSummary> search(TraceQuery query);

  /** Service names with spans, sorted. */
  List<String> services(String tenant);

  /** Span names and kinds of a service, sorted by name. */
  List<Operation> operations(String tenant, String service);
}
