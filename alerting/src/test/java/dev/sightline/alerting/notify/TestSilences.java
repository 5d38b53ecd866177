package dev.sightline.alerting.notify;

import dev.sightline.metadata.MetadataSettings;
import dev.sightline.metadata.MetadataStore;
import dev.sightline.metadata.Replica;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Silences on the embedded metadata store in a test's directory. Each call reads the store afresh,
 * as a restarted server would; the store stays open for the test run (DuckDB opens a file once per process).
 */
final class TestSilences {
  private static final Map<Path, MetadataStore> STORES = new ConcurrentHashMap<>();

  private TestSilences() {}

  static Silences in(Path dir, Clock clock) {
    MetadataStore store = STORES.computeIfAbsent(dir, d -> MetadataStore.open(
        MetadataSettings.embedded(d.resolve("metadata.duckdb")), Clock.systemUTC()));
    return new Silences(new Replica<>(store.silences()), clock);
  }

  static MetadataStore store(Path dir) {
    return STORES.get(dir);
  }
}
