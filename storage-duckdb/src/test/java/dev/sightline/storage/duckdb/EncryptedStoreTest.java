package dev.sightline.storage.duckdb;

import static dev.sightline.storage.tests.SampleData.attr;
import static dev.sightline.storage.tests.SampleData.resource;
import static dev.sightline.storage.tests.SampleData.resourceSpans;
import static dev.sightline.storage.tests.SampleData.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sightline.storage.Storage;
import dev.sightline.storage.StorageException;
import dev.sightline.storage.tests.StorageFixture;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The store's file, its write-ahead log and spilled temporary files hold no plaintext when the
 * store is encrypted. httpfs (OpenSSL) is not installed here, so these tests use DuckDB's
 * built-in crypto through the explicit unsafe switch: the bytes are encrypted all the same, only
 * DuckDB's nonce source is weaker (see {@link StoreEncryption}).
 */
class EncryptedStoreTest extends StorageFixture {
  static final StoreEncryption ENCRYPTION = new StoreEncryption("c3RvcmUta2V5LWZvci10ZXN0cy1vbmx5LTMyLWJ5dGVzIQ==", true);
  static final String CANARY = "plaintext-canary-7f3a";

  @Override
  protected Storage open(Path dir) {
    return DuckDbStorage.open(dir, "256MB", SampleStoreConfig.DEFAULT, ENCRYPTION);
  }

  private void writeCanaries() {
    writeSpans("acme", resourceSpans(resource("checkout", attr("deployment", "span-" + CANARY)),
        span(1, 1, 0, "GET /cart", 1_000, 20).addAttributes(attr("user.email", "span-attr-" + CANARY)).build()));
    writeLogs("acme", ResourceLogs.newBuilder().setResource(resource("checkout")).addScopeLogs(ScopeLogs.newBuilder()
        .addLogRecords(LogRecord.newBuilder().setTimeUnixNano(1_000_000_000L)
            .setBody(AnyValue.newBuilder().setStringValue("log-body-" + CANARY))
            .addAttributes(attr("card", "log-attr-" + CANARY)))).build());
  }

  static List<Path> filesWith(Path dir, String text) throws Exception {
    List<Path> found = new ArrayList<>();
    try (var files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        try {
          if (new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(text)) {
            found.add(f);
          }
        } catch (java.nio.file.NoSuchFileException gone) {
          // a temporary file deleted while we looked
        }
      }
    }
    return found;
  }

  @Test
  void noFileHoldsPlaintextWhileOpenOrAfterCloseAndTheDataReadsBack() throws Exception {
    assertThat(((DuckDbStorage) storage).encrypted()).isTrue();
    writeCanaries();
    assertThat(Files.exists(directory.resolve("sightline.duckdb.wal"))).as("written data still in the WAL").isTrue();
    assertThat(filesWith(directory, CANARY)).as("while open, with the WAL").isEmpty();
    reopen();
    assertThat(filesWith(directory, CANARY)).as("after close").isEmpty();
    assertThat(storage.traces().services("acme")).contains("checkout");
    long logs = ((DuckDbStorage) storage).readersForTest(c -> {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM logs WHERE body LIKE '%" + CANARY + "'")) {
        rs.next();
        return rs.getLong(1);
      }
    });
    assertThat(logs).isEqualTo(1);
  }

  @Test
  void theControlStoreWithoutEncryptionHoldsTheCanary() throws Exception {
    Path plain = directory.resolveSibling(directory.getFileName() + "-plain");
    try (DuckDbStorage s = DuckDbStorage.open(plain, "256MB")) {
      s.writer().write(dev.sightline.storage.WriteBatch.of(List.of(new dev.sightline.storage.WriteBatch.Entry(1, "acme",
          new dev.sightline.storage.WriteBatch.Traces(List.of(resourceSpans(resource("checkout"),
              span(1, 1, 0, "GET", 1_000, 2).addAttributes(attr("k", CANARY)).build())))))));
    }
    assertThat(filesWith(plain, CANARY)).isNotEmpty();
  }

  @Test
  void queriesThatSpillWriteEncryptedTemporaryFiles() throws Exception {
    DuckDbStorage store = (DuckDbStorage) storage;
    Path tmp = directory.resolve("sightline.duckdb.tmp");
    AtomicBoolean done = new AtomicBoolean();
    List<Path> seen = new ArrayList<>();
    List<Path> plaintext = new ArrayList<>();
    Thread watcher = Thread.ofPlatform().start(() -> {
      while (!done.get()) {
        List<Path> files = List.of();
        try (var list = Files.list(tmp)) {
          files = list.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
        } catch (Exception e) {
          // not there yet
        }
        for (Path f : files) {
          try {
            byte[] bytes = Files.readAllBytes(f);
            if (bytes.length > 0 && !seen.contains(f)) {
              seen.add(f);
            }
            if (new String(bytes, StandardCharsets.ISO_8859_1).contains(CANARY) && !plaintext.contains(f)) {
              plaintext.add(f);
            }
          } catch (Exception e) {
            // deleted while we looked
          }
        }
      }
    });
    try {
      store.readersForTest(c -> {
        try (Statement s = c.createStatement()) {
          s.execute("CREATE TABLE spill_source AS SELECT i AS id, '" + CANARY + "-' || i AS v, MAP {'k': 'm-' || i} AS m "
              + "FROM range(0, 300000) r(i)");
          s.execute("SET memory_limit = '64MB'");
          s.execute("SET preserve_insertion_order = false");
          try (ResultSet rs = s.executeQuery("SELECT count(*) FROM (SELECT v || repeat('x', 300) || id AS w, m "
              + "FROM spill_source ORDER BY w DESC)")) {
            rs.next();
            return rs.getLong(1);
          }
        } finally {
          try (Statement s = c.createStatement()) {
            s.execute("SET memory_limit = '256MB'");
            s.execute("DROP TABLE IF EXISTS spill_source");
          }
        }
      });
    } catch (StorageException e) {
      // running out of memory after spilling still shows what was spilled
    } finally {
      done.set(true);
      watcher.join();
    }
    Assumptions.assumeFalse(seen.isEmpty(), "the query did not spill on this machine");
    assertThat(plaintext).as("spilled files holding the canary").isEmpty();
  }

  @Test
  void aPlainStoreIsNotOpenedEncryptedNorTheOtherWayRound() {
    Path plain = directory.resolveSibling(directory.getFileName() + "-plain");
    DuckDbStorage.open(plain, "256MB").close();
    assertThatThrownBy(() -> open(plain)).isInstanceOf(StorageException.class)
        .hasMessageContaining("was written without encryption and cannot be opened with encryption.enabled=true");
    storage.close();
    try {
      assertThatThrownBy(() -> DuckDbStorage.open(directory, "256MB")).isInstanceOf(StorageException.class)
          .hasMessageContaining("is encrypted; start with encryption.enabled=true");
      assertThatThrownBy(() -> DuckDbStorage.open(directory, "256MB", SampleStoreConfig.DEFAULT,
          new StoreEncryption("b3RoZXIta2V5LW90aGVyLWtleS1vdGhlci1rZXktMzI=", true)))
          .isInstanceOf(StorageException.class).hasMessageContaining("does not open with its key");
    } finally {
      storage = open(directory);
    }
  }

  @Test
  void withoutHttpfsTheStoreRefusesUnlessTheUnsafeSwitchIsSet() {
    Path other = directory.resolveSibling(directory.getFileName() + "-strict");
    Storage strict;
    try {
      strict = DuckDbStorage.open(other, "256MB", SampleStoreConfig.DEFAULT, new StoreEncryption(ENCRYPTION.key(), false));
    } catch (StorageException e) {
      assertThat(e).hasMessageContaining("cannot be encrypted securely").hasMessageContaining("httpfs")
          .hasMessageContaining("encryption.store.unsafe.builtin.crypto");
      assertThat(other.resolve("sightline.duckdb")).doesNotExist();
      return;
    }
    strict.close(); // httpfs is installed here: the secure path works
  }
}
