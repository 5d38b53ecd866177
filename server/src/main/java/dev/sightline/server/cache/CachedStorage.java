package dev.sightline.server.cache;

import dev.sightline.pipeline.SelfMetrics;
import dev.sightline.server.config.CacheSettings;
import dev.sightline.storage.Capability;
import dev.sightline.storage.DataDeleter;
import dev.sightline.storage.DataExporter;
import dev.sightline.storage.ExemplarReader;
import dev.sightline.storage.LogCounter;
import dev.sightline.storage.LogRecordReader;
import dev.sightline.storage.MetricMetadataReader;
import dev.sightline.storage.MetricReader;
import dev.sightline.storage.SampleReader;
import dev.sightline.storage.SpanStatistics;
import dev.sightline.storage.Storage;
import dev.sightline.storage.StorageWriter;
import dev.sightline.storage.StoredDataRewriter;
import dev.sightline.storage.TraceReader;
import dev.sightline.storage.breaker.CircuitBreaker;
import dev.sightline.storage.tier.Tiers;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * Any storage engine with the query cache in front of its trace reader: its writer drops the
 * traces it stores from the cache, and deletion, rewriting or restoring from the archive of a
 * tenant's stored data clears the tenant's entries. Everything else is the engine's own.
 */
public final class CachedStorage implements Storage {
  private final Storage storage;
  private final QueryCache cache;
  private final TraceReader traces;
  private final StorageWriter writer;

  private CachedStorage(Storage storage, QueryCache cache, CacheSettings settings, Clock clock) {
    this.storage = storage;
    this.cache = cache;
    this.traces = new CachedTraceReader(storage.traces(), cache, settings.traceTtl(), settings.redisTtl(),
        settings.searchTtl(), clock);
    this.writer = new CacheInvalidatingWriter(storage.writer(), cache);
  }

  /** The storage with the cache the settings describe in front, or the storage itself when the cache is off. */
  public static Storage wrap(Storage storage, CacheSettings settings, SelfMetrics metrics, Clock clock) {
    if (!settings.enabled()) {
      return storage;
    }
    RedisL2 l2 = settings.redisUrl() == null ? null : new RedisL2(settings.redisUrl(), settings.redisTimeout(),
        new CircuitBreaker(new CircuitBreaker.Settings(settings.breakerFailures(), settings.breakerCooldown()), clock));
    return new CachedStorage(storage, new QueryCache(settings.l1MaxBytes(), l2, metrics), settings, clock);
  }

  /** The state of the circuit breaker around Redis, when Redis is the L2. */
  public Optional<java.util.function.Supplier<CircuitBreaker.State>> redisBreaker() {
    return cache.redisBreaker();
  }

  @Override
  public Set<Capability> capabilities() {
    return storage.capabilities();
  }

  @Override
  public StorageWriter writer() {
    return writer;
  }

  @Override
  public TraceReader traces() {
    return traces;
  }

  @Override
  public LogRecordReader logs() {
    return storage.logs();
  }

  @Override
  public MetricReader metrics() {
    return storage.metrics();
  }

  @Override
  public Optional<StoredDataRewriter> rewriter() {
    return storage.rewriter().map(r -> new StoredDataRewriter() {
      @Override
      public Report rewriteSpans(String tenant, dev.sightline.storage.TimeRange range, int limit, boolean dryRun,
          java.util.function.UnaryOperator<io.opentelemetry.proto.trace.v1.ResourceSpans> edit) {
        Report report = r.rewriteSpans(tenant, range, limit, dryRun, edit);
        if (!dryRun && report.changed() > 0) {
          cache.clearTenant(tenant);
        }
        return report;
      }

      @Override
      public Report rewriteLogs(String tenant, dev.sightline.storage.TimeRange range, int limit, boolean dryRun,
          java.util.function.UnaryOperator<io.opentelemetry.proto.logs.v1.ResourceLogs> edit) {
        return r.rewriteLogs(tenant, range, limit, dryRun, edit);
      }
    });
  }

  @Override
  public Optional<DataDeleter> deleter() {
    return storage.deleter().map(d -> request -> {
      var report = d.delete(request);
      cache.clearTenant(request.tenant());
      return report;
    });
  }

  @Override
  public Optional<SampleReader> samples() {
    return storage.samples();
  }

  @Override
  public Optional<MetricMetadataReader> metricMetadata() {
    return storage.metricMetadata();
  }

  @Override
  public Optional<ExemplarReader> exemplars() {
    return storage.exemplars();
  }

  @Override
  public Optional<LogCounter> logCounter() {
    return storage.logCounter();
  }

  @Override
  public Optional<SpanStatistics> spanStatistics() {
    return storage.spanStatistics();
  }

  @Override
  public Optional<Tiers> tiers() {
    return storage.tiers().map(t -> new CacheClearingTiers(t, cache));
  }

  @Override
  public Optional<DataExporter> exporter() {
    return storage.exporter();
  }

  @Override
  public void close() {
    try {
      storage.close();
    } finally {
      cache.close();
    }
  }
}
