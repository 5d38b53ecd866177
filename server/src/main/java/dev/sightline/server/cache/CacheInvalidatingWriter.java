package dev.sightline.server.cache;

import dev.sightline.otlp.Ids;
import dev.sightline.storage.StorageWriter;
import dev.sightline.storage.WriteBatch;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Stores batches through the real writer, then drops from the cache every trace the batch added
 * spans to: a late span of a cached trace must show up in the next read.
 */
final class CacheInvalidatingWriter implements StorageWriter {
  private final StorageWriter storage;
  private final QueryCache cache;

  CacheInvalidatingWriter(StorageWriter storage, QueryCache cache) {
    this.storage = storage;
    this.cache = cache;
  }

  @Override
  public void write(WriteBatch batch) {
    storage.write(batch);
    Set<CacheKey> traces = new LinkedHashSet<>();
    for (WriteBatch.Entry entry : batch.entries()) {
      if (entry.data() instanceof WriteBatch.Traces t) {
        for (ResourceSpans rs : t.resourceSpans()) {
          for (ScopeSpans ss : rs.getScopeSpansList()) {
            for (Span span : ss.getSpansList()) {
              traces.add(CacheKey.trace(entry.tenant(), Ids.toHex(span.getTraceId())));
            }
          }
        }
      }
    }
    cache.invalidate(traces);
  }

  @Override
  public long checkpoint() {
    return storage.checkpoint();
  }

  @Override
  public long replayFrom() {
    return storage.replayFrom();
  }
}
