package dev.sightline.storage.duckdb;

import dev.sightline.storage.tests.ManualClock;
import static dev.sightline.storage.tests.SampleData.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sightline.storage.objects.FileObjectStore;
import dev.sightline.storage.tier.Tiers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With an encrypted store, warm files, cold objects and archive bundles are encrypted too, and still read. */
class EncryptedTiersTest {
  @TempDir Path dir;

  @Test
  void tierFilesOfAnEncryptedStoreHoldNoPlaintext() throws IOException {
    ManualClock clock = new ManualClock(Instant.ofEpochSecond(0, T0).plus(Duration.ofHours(2)));
    TierConfig config = TierConfig.builder(dir.resolve("tiers")).objects(new FileObjectStore(dir.resolve("bucket")))
        .retention(TieredStoreTest.POLICY).clock(clock).interval(Duration.ZERO).grace(Duration.ZERO).build();
    try (DuckDbStorage store = DuckDbStorage.open(dir.resolve("store"), "512MB",
        SampleStoreConfig.DEFAULT.withRollupInterval(Duration.ZERO), new StoreEncryption("k".repeat(44), true), config)) {
      TieredData.write(store, 1, 7);
      Tiers tiers = store.tiers().orElseThrow();
      for (Duration step : List.of(Duration.ofDays(8), Duration.ofDays(30), Duration.ofDays(365))) {
        clock.advance(step);
        tiers.runLifecycle();
        assertThat(parquetFiles()).isNotEmpty().allSatisfy(f ->
            assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).doesNotContain("checkout", "order 7"));
        tiers.archive(TieredData.TENANT).forEach(b -> tiers.restore(TieredData.TENANT, b.id()));
        assertThat(TieredData.spansOf(store, 7)).isEqualTo(3);
        assertThat(TieredData.logsFound(store)).isEqualTo(1);
      }
    }
  }

  private List<Path> parquetFiles() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.toString().endsWith(".parquet")).toList();
    }
  }
}
