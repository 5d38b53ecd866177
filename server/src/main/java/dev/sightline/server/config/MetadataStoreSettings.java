package dev.sightline.server.config;

import dev.sightline.metadata.MetadataSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Where users, keys, roles, rules, channels, silences and dashboards live: the embedded DuckDB file
 * {@code <data.dir>/metadata.duckdb} or a PostgreSQL database the nodes share, and how often a node
 * looks there for other nodes' changes.
 */
public record MetadataStoreSettings(MetadataSettings store, Duration refreshInterval) {

  static MetadataStoreSettings read(ConfigValues v, Path dataDir) {
    Duration refresh = ServerConfig.positive(v, "metadata.refresh.interval");
    String kind = v.string("metadata.store").toLowerCase(Locale.ROOT);
    return switch (kind) {
      case "embedded" -> new MetadataStoreSettings(MetadataSettings.embedded(dataDir.resolve("metadata.duckdb")), refresh);
      case "postgresql" -> {
        String url = v.optional("metadata.postgresql.url");
        if (!url.startsWith("jdbc:postgresql://")) {
          throw new ConfigException("metadata.postgresql.url: '" + url + "' is not jdbc:postgresql://host[:port]/database"
              + " (required with metadata.store=postgresql)");
        }
        yield new MetadataStoreSettings(MetadataSettings.postgresql(url, v.string("metadata.postgresql.user"),
            v.optional("metadata.postgresql.password"), ServerConfig.positive(v, "metadata.start.timeout")), refresh);
      }
      default -> throw new ConfigException("metadata.store: '" + v.string("metadata.store") + "' is not embedded or postgresql");
    };
  }
}
