package dev.sightline.server.config;

import dev.sightline.storage.clickhouse.ClickHouseConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Which storage engine holds the signals: the embedded store in the data directory (the default)
 * or a ClickHouse server, with its connection settings when chosen.
 */
public record StorageSettings(Engine engine, @Nullable ClickHouseConfig clickhouse) {

  public enum Engine { EMBEDDED, CLICKHOUSE }

  public StorageSettings {
    if (engine == Engine.CLICKHOUSE && clickhouse == null) {
      throw new IllegalArgumentException("storage.engine=clickhouse needs the clickhouse settings");
    }
  }

  static StorageSettings read(ConfigValues v) {
    String engine = v.string("storage.engine").toLowerCase(Locale.ROOT);
    return switch (engine) {
      case "embedded" -> new StorageSettings(Engine.EMBEDDED, null);
      case "clickhouse" -> new StorageSettings(Engine.CLICKHOUSE, clickhouse(v));
      default -> throw new ConfigException("storage.engine: '" + v.string("storage.engine")
          + "' is not embedded or clickhouse");
    };
  }

  private static Duration positive(ConfigValues v, String key) {
    Duration d = v.duration(key);
    if (d.isZero() || d.isNegative()) {
      throw new ConfigException(key + ": must be more than 0");
    }
    return d;
  }

  private static ClickHouseConfig clickhouse(ConfigValues v) {
    URI url;
    try {
      url = new URI(v.string("clickhouse.url"));
    } catch (URISyntaxException e) {
      throw new ConfigException("clickhouse.url: '" + v.string("clickhouse.url") + "' is not a URL: " + e.getReason());
    }
    try {
      return new ClickHouseConfig(url, v.string("clickhouse.database"), v.string("clickhouse.user"),
          v.optional("clickhouse.password"), v.integer("clickhouse.insert.batch.rows", 1, 10_000_000),
          positive(v, "clickhouse.connect.timeout"), positive(v, "clickhouse.query.timeout"),
          v.integer("clickhouse.retention.days", 0, 100_000), v.string("clickhouse.writer"),
          new dev.sightline.storage.breaker.CircuitBreaker.Settings(v.integer("clickhouse.breaker.failures", 1, 1_000_000),
              positive(v, "clickhouse.breaker.open.for")));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
  }
}
