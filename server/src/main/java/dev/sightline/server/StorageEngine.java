package dev.sightline.server;

import dev.sightline.server.config.ServerConfig;
import dev.sightline.server.config.StorageSettings;
import dev.sightline.storage.Storage;
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
record StorageEngine(Storage storage, @Nullable DuckDbStorage embedded) {
  private static final Logger log = LoggerFactory.getLogger(StorageEngine.class);

  static StorageEngine open(ServerConfig config, @Nullable EncryptionAtRest atRest, java.time.Clock clock) {
    StorageSettings settings = config.storage();
    if (settings.engine() == StorageSettings.Engine.EMBEDDED) {
      DuckDbStorage store = DuckDbStorage.open(config.dataDir().resolve("store"), config.storageMemoryLimit(),
          SampleStoreConfig.DEFAULT.withOutOfOrderWindow(config.outOfOrderWindow())
              .withRollupInterval(config.rollupInterval()), atRest == null ? null : atRest.store(),
          StorageTiers.config(config.tiers(), config.dataDir(), clock));
      return new StorageEngine(store, store);
    }
    var clickhouse = settings.clickhouse();
    ClickHouseStorage store = ClickHouseStorage.open(java.util.Objects.requireNonNull(clickhouse, "clickhouse"));
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
    return new StorageEngine(store, null);
  }
}
