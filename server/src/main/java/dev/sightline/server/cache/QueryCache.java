package dev.sightline.server.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.sightline.pipeline.SelfMetrics;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Cache-aside in two levels: the in-process L1 (Caffeine, bounded by the encoded bytes of its
 * values, each entry with its own time to live), then Redis as L2 when there is one, then the
 * loader; what the loader answers fills both. Counts hits and misses per level and kind.
 */
final class QueryCache implements AutoCloseable {

  /** A value in L1, with its weight and time to live. */
  private record Entry(Object value, int weight, long ttlNanos) {}

  private final Cache<CacheKey, Entry> l1;
  private final @Nullable RedisL2 l2;
  private final SelfMetrics metrics;
  /** Moves on every invalidation, so a load that raced with one does not fill the cache with what it read before. */
  private final AtomicLong invalidations = new AtomicLong();

  QueryCache(long l1MaxBytes, @Nullable RedisL2 l2, SelfMetrics metrics) {
    this.l1 = Caffeine.newBuilder().maximumWeight(l1MaxBytes).weigher((CacheKey k, Entry e) -> e.weight())
        .expireAfter(Expiry.<CacheKey, Entry>writing((k, e) -> Duration.ofNanos(e.ttlNanos()))).build();
    this.l2 = l2;
    this.metrics = metrics;
    if (l2 != null) {
      metrics.gauge("sightline_cache_redis_breaker_state",
          "State of the circuit breaker around Redis, the L2 cache: 0 closed, 1 open (Redis skipped), 2 half-open.",
          () -> l2.state().code());
    }
  }

  java.util.Optional<java.util.function.Supplier<dev.sightline.storage.breaker.CircuitBreaker.State>> redisBreaker() {
    RedisL2 redis = l2;
    return redis == null ? java.util.Optional.empty() : java.util.Optional.of(redis::state);
  }

  /**
   * The cached value of the key, or what {@code load} answers, which fills L1 for {@code l1Ttl} and
   * L2 for {@code l2Ttl} when {@code cacheable} accepts it.
   */
  <T> T get(CacheKey key, ValueCodec<T> codec, Duration l1Ttl, Duration l2Ttl, Supplier<T> load,
      Predicate<T> cacheable) {
    Entry cached = l1.getIfPresent(key);
    if (cached != null) {
      count(key, "l1", "hit");
      @SuppressWarnings("unchecked")
      T value = (T) cached.value();
      return value;
    }
    count(key, "l1", "miss");
    long before = invalidations.get();
    if (l2 != null) {
      Optional<byte[]> bytes = l2.get(key.redisKey());
      Optional<T> shared = bytes.flatMap(b -> decode(codec, b));
      count(key, "l2", shared.isPresent() ? "hit" : "miss");
      if (shared.isPresent()) {
        fillL1(key, shared.get(), bytes.orElseThrow().length, l1Ttl, before);
        return shared.get();
      }
    }
    T loaded = load.get();
    if (cacheable.test(loaded)) {
      byte[] bytes = codec.encode(loaded);
      if (fillL1(key, loaded, bytes.length, l1Ttl, before) && l2 != null) {
        l2.put(key.redisKey(), bytes, l2Ttl);
      }
    }
    return loaded;
  }

  /** Drops the keys from both levels. */
  void invalidate(Collection<CacheKey> keys) {
    if (keys.isEmpty()) {
      return;
    }
    invalidations.incrementAndGet();
    l1.invalidateAll(keys);
    if (l2 != null) {
      l2.delete(keys.stream().map(CacheKey::redisKey).toArray(String[]::new));
    }
  }

  /** Drops every entry of the tenant from both levels. */
  void clearTenant(String tenant) {
    invalidations.incrementAndGet();
    l1.asMap().keySet().removeIf(k -> k.tenant().equals(tenant));
    if (l2 != null) {
      l2.deletePrefix(CacheKey.tenantPrefix(tenant));
    }
  }

  /** Drops every entry of every tenant from both levels. */
  void clearAll() {
    invalidations.incrementAndGet();
    l1.invalidateAll();
    if (l2 != null) {
      l2.deletePrefix(CacheKey.REDIS_PREFIX);
    }
  }

  private boolean fillL1(CacheKey key, Object value, int weight, Duration ttl, long invalidationsBefore) {
    if (invalidations.get() != invalidationsBefore) {
      return false;
    }
    l1.put(key, new Entry(value, weight, ttl.toNanos()));
    return true;
  }

  private static <T> Optional<T> decode(ValueCodec<T> codec, byte[] bytes) {
    try {
      return Optional.of(codec.decode(bytes));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private void count(CacheKey key, String level, String result) {
    LongAdder counter = metrics.counter("sightline_cache_requests_total",
        "Cache lookups by kind (trace by id, search), level (l1 in process, l2 Redis) and result (hit, miss).",
        "kind", key.kind().name().toLowerCase(java.util.Locale.ROOT), "level", level, "result", result);
    counter.increment();
  }

  @Override
  public void close() {
    if (l2 != null) {
      l2.close();
    }
  }
}
