package dev.sightline.server;

import dev.sightline.server.config.NodeRole;
import dev.sightline.server.config.ServerConfig;
import dev.sightline.server.ops.Readiness;
import dev.sightline.storage.PartitionClaims;
import dev.sightline.server.config.StorageSettings;
import dev.sightline.storage.Storage;
import dev.sightline.pipeline.SelfMetrics;
import dev.sightline.storage.clickhouse.ClickHouseConfig;
import dev.sightline.storage.clickhouse.ClickHouseStorage;
import dev.sightline.storage.duckdb.DuckDbStorage;
import dev.sightline.storage.duckdb.SampleStoreConfig;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage engine the configuration names, opened. {@code embedded} is the DuckDB store when
 * that is the engine: the features only it has (Prometheus samples and so PromQL and alerting,
 * rewriting stored data, store encryption, sample counters) are off on any other, each said once
 * in the log at start-up.
 */
record StorageEngine(Storage storage, @Nullable DuckDbStorage embedded, @Nullable ClickHouseStorage clickhouse) {
  private static final Logger log = LoggerFactory.getLogger(StorageEngine.class);

  static StorageEngine open(ServerConfig config, @Nullable EncryptionAtRest atRest, java.time.Clock clock) {
    StorageSettings settings = config.storage();
    if (settings.engine() == StorageSettings.Engine.EMBEDDED) {
      DuckDbStorage store = DuckDbStorage.open(config.dataDir().resolve("store"), config.storageMemoryLimit(),
          SampleStoreConfig.DEFAULT.withOutOfOrderWindow(config.outOfOrderWindow())
              .withRollupInterval(config.rollupInterval()), atRest == null ? null : atRest.store(),
          StorageTiers.config(config.tiers(), config.dataDir(), clock));
      return new StorageEngine(store, store, null);
    }
    ClickHouseConfig clickhouse = java.util.Objects.requireNonNull(settings.clickhouse(), "clickhouse");
    if (config.scaleOut().kafka() != null && config.scaleOut().role().processes() && clickhouse.writer().equals("default")) {
      clickhouse = clickhouse.withWriter(workerName());
      log.info("this Kafka worker writes to ClickHouse as '{}' (clickhouse.writer)", clickhouse.writer());
    }
    ClickHouseStorage store = ClickHouseStorage.open(clickhouse, clock);
    log.info("storing signals in ClickHouse {} at {}, database {}", store.serverVersion(), clickhouse.url(),
        clickhouse.database());
    log.warn("storage.engine=clickhouse keeps no Prometheus samples: PromQL, the Prometheus query API, "
        + "remote read and alert rules are off");
    log.warn("storage.engine=clickhouse cannot rewrite stored data: re-running processors over stored data is off");
    if (config.tiers().enabled()) {
      log.warn("storage.engine=clickhouse: the warm, cold and archive tiers, deletion on request and export are "
          + "embedded-store features and are off; clickhouse.retention.days expires data");
    }
    if (atRest != null) {
      log.warn("storage.engine=clickhouse: encryption at rest covers the ingest log only; "
          + "encrypt ClickHouse's disks on its side");
    }
    return new StorageEngine(store, null, store);
  }

  /**
   * A writer name of its own for a Kafka worker: workers sharing a database must not share one,
   * and one that restarts under a new name loses nothing (the partitions it held are claimed by
   * their next owner, which deletes what was stored beyond the committed offsets).
   */
  private static String workerName() {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      host = "worker";
    }
    return host + "-" + ProcessHandle.current().pid();
  }

  /** What a worker's store does when it takes over a partition of the Kafka log. */
  PartitionClaims claims() {
    return clickhouse == null ? PartitionClaims.NONE : clickhouse.claims();
  }

  void registerGauges(SelfMetrics metrics) {
    ClickHouseStorage remote = clickhouse;
    if (remote == null) {
      return;
    }
    metrics.gauge("sightline_clickhouse_breaker_state", "Circuit breaker around ClickHouse: 0 closed, 1 open, 2 half-open.",
        () -> remote.breaker().state().code());
    metrics.gauge("sightline_clickhouse_breaker_opened", "Times the ClickHouse circuit breaker opened since start.",
        () -> remote.breaker().timesOpened());
    metrics.gauge("sightline_clickhouse_dropped_entries",
        "Entries a worker did not store because their Kafka partition had passed to another worker, which stores them.",
        remote::droppedEntries);
  }

  /** The store this role depends on, when it is a remote one: ClickHouse, for workers and query nodes. */
  void requiredBy(NodeRole role, Readiness readiness) {
    ClickHouseStorage remote = clickhouse;
    if (remote != null && (role.processes() || role.answersQueries())) {
      readiness.require("clickhouse", () -> remote.reachable()
          ? Readiness.State.of("ClickHouse", remote.breaker().state())
          : new Readiness.State(false, "ClickHouse does not answer; breaker " + Readiness.State.word(remote.breaker().state())));
    }
  }
}
