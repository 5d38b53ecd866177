package dev.sightline.server.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sightline.storage.Operation;
import dev.sightline.storage.Page;
import dev.sightline.storage.StoredSpan;
import dev.sightline.storage.TimeRange;
import dev.sightline.storage.TraceQuery;
import dev.sightline.storage.TraceReader;
import dev.sightline.storage.TraceSummary;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * A trace reader that answers traces by id and searches from the {@link QueryCache} when it can.
 * Traces found empty are not cached (one may be on its way). A search whose range reaches into the
 * last {@link #RECENT} is cached for at most {@link #RECENT_SEARCH_TTL}, since spans arriving now
 * change its answer; older ranges for the configured search TTL. Such a recent range mostly ends
 * "now", different at every request, so its key holds the range rounded down to
 * {@link #RECENT_SEARCH_TTL}: requests within one such step share an answer, which is then at
 * most two steps old. Services and operations are read from storage every time.
 */
final class CachedTraceReader implements TraceReader {
  static final Duration RECENT = Duration.ofMinutes(5);
  static final Duration RECENT_SEARCH_TTL = Duration.ofSeconds(5);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SpansCodec SPANS = new SpansCodec();
  private static final SearchPageCodec PAGES = new SearchPageCodec();

  private final TraceReader storage;
  private final QueryCache cache;
  private final Duration traceTtl;
  private final Duration redisTraceTtl;
  private final Duration searchTtl;
  private final Clock clock;

  CachedTraceReader(TraceReader storage, QueryCache cache, Duration traceTtl, Duration redisTraceTtl,
      Duration searchTtl, Clock clock) {
    this.storage = storage;
    this.cache = cache;
    this.traceTtl = traceTtl;
    this.redisTraceTtl = redisTraceTtl;
    this.searchTtl = searchTtl;
    this.clock = clock;
  }

  @Override
  public List<StoredSpan> trace(String tenant, String traceId) {
    return cache.get(CacheKey.trace(tenant, traceId), SPANS, traceTtl, redisTraceTtl,
        () -> storage.trace(tenant, traceId), spans -> !spans.isEmpty());
  }

  @Override
  public Page<TraceSummary> search(TraceQuery query) {
    boolean recent = query.range().endNanos() >= clock.instant().minus(RECENT).toEpochMilli() * 1_000_000L;
    Duration ttl = recent && searchTtl.compareTo(RECENT_SEARCH_TTL) > 0 ? RECENT_SEARCH_TTL : searchTtl;
    TraceQuery keyed = recent ? withRange(query, rounded(query.range())) : query;
    return cache.get(new CacheKey(query.tenant(), CacheKey.Kind.SEARCH, canonical(keyed)), PAGES, ttl, ttl,
        () -> storage.search(query), page -> true);
  }

  @Override
  public List<String> services(String tenant) {
    return storage.services(tenant);
  }

  @Override
  public List<Operation> operations(String tenant, String service) {
    return storage.operations(tenant, service);
  }

  private static TimeRange rounded(TimeRange range) {
    long step = RECENT_SEARCH_TTL.toNanos();
    return new TimeRange(range.startNanos() - range.startNanos() % step, range.endNanos() - range.endNanos() % step);
  }

  private static TraceQuery withRange(TraceQuery q, TimeRange range) {
    return new TraceQuery(q.tenant(), range, q.service(), q.operation(), q.attributes(), q.minDurationNanos(),
        q.maxDurationNanos(), q.errorsOnly(), q.limit(), q.cursor());
  }

  /** The query as JSON: every field named, so no two different queries share a key. */
  private static String canonical(TraceQuery query) {
    try {
      return JSON.writeValueAsString(query);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a trace query always encodes as JSON", e);
    }
  }
}
