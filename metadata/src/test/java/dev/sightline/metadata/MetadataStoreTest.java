package dev.sightline.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store on both databases: the same migrations, tables and behaviour; PostgreSQL is a real server. */
class MetadataStoreTest {
  private static final Clock CLOCK = Clock.systemUTC();
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static PostgresProcess postgres;
  @TempDir Path dir;

  private static synchronized MetadataSettings postgres() throws Exception {
    if (postgres == null) {
      postgres = PostgresProcess.startOrSkip();
    }
    return MetadataSettings.postgresql(postgres.createDatabase("meta_" + DATABASES.incrementAndGet()), PostgresProcess.USER,
        PostgresProcess.PASSWORD, Duration.ofSeconds(5));
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
  }

  private MetadataSettings embedded() {
    return MetadataSettings.embedded(dir.resolve("metadata.duckdb"));
  }

  @Test
  void embeddedMigratesOnceAndKeepsRowsOverRestarts() {
    migratesOnceAndKeepsRows(embedded());
  }

  @Test
  void postgresqlMigratesOnceAndKeepsRowsOverRestarts() throws Exception {
    migratesOnceAndKeepsRows(postgres());
  }

  private static void migratesOnceAndKeepsRows(MetadataSettings settings) {
    List<AppliedMigration> first;
    try (MetadataStore store = MetadataStore.open(settings, CLOCK)) {
      first = store.migrations();
      assertThat(first).extracting(AppliedMigration::file).containsExactly("V1__metadata_tables.sql", "V2__file_imports.sql",
          "V3__notification_configs.sql");
      store.apiKeys().insert(key("k1", 0));
    }
    try (MetadataStore store = MetadataStore.open(settings, CLOCK)) {
      assertThat(store.migrations()).isEqualTo(first); // not applied again: same rows, same times
      assertThat(store.apiKeys().list()).extracting(ApiKeyRecord::id).containsExactly("k1");
    }
  }

  @Test
  void embeddedRefusesAChangedMigration() {
    refusesAChangedMigration(embedded());
  }

  @Test
  void postgresqlRefusesAChangedMigration() throws Exception {
    refusesAChangedMigration(postgres());
  }

  private static void refusesAChangedMigration(MetadataSettings settings) {
    MetadataStore.open(settings, CLOCK).close();
    List<Migration> changed = new ArrayList<>(Migration.bundled());
    Migration v1 = changed.getFirst();
    changed.set(0, Migration.of(v1.file(), (v1.sql() + "\n-- edited\n").getBytes(StandardCharsets.UTF_8)));
    assertThatThrownBy(() -> JdbcMetadataStore.open(settings, changed, CLOCK))
        .isInstanceOf(MigrationException.class)
        .hasMessageContaining("V1__metadata_tables.sql was changed after")
        .hasMessageContaining("put the file back");
  }

  @Test
  void aNewMigrationIsAppliedInItsOwnTransactionAndAFailingOneLeavesNothing() throws Exception {
    MetadataSettings settings = postgres();
    List<Migration> more = new ArrayList<>(Migration.bundled());
    more.add(Migration.of("V99__broken.sql", "CREATE TABLE extra (a BIGINT);\nSELECT * FROM no_such_table;\n"
        .getBytes(StandardCharsets.UTF_8)));
    assertThatThrownBy(() -> JdbcMetadataStore.open(settings, more, CLOCK)).isInstanceOf(MigrationException.class)
        .hasMessageContaining("V99__broken.sql failed").hasMessageContaining("rolled back");
    more.set(more.size() - 1, Migration.of("V99__extra.sql", "CREATE TABLE extra (a BIGINT);\n".getBytes(StandardCharsets.UTF_8)));
    try (MetadataStore store = JdbcMetadataStore.open(settings, more, CLOCK)) {
      assertThat(store.migrations()).extracting(AppliedMigration::version).containsExactly(1, 2, 3, 99);
    }
  }

  @Test
  void nodesStartingTogetherApplyEachMigrationOnce() throws Exception {
    MetadataSettings settings = postgres();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<MetadataStore>> opened = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        opened.add(pool.submit((Callable<MetadataStore>) () -> MetadataStore.open(settings, CLOCK)));
      }
      for (Future<MetadataStore> f : opened) {
        try (MetadataStore store = f.get()) {
          assertThat(store.migrations()).hasSize(Migration.bundled().size());
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void embeddedVersionsChanges() {
    versionsChanges(embedded());
  }

  @Test
  void postgresqlVersionsChanges() throws Exception {
    versionsChanges(postgres());
  }

  private static void versionsChanges(MetadataSettings settings) {
    try (MetadataStore store = MetadataStore.open(settings, CLOCK)) {
      MetadataTable<DashboardRecord> boards = store.dashboards();
      long revision = boards.revision();
      DashboardRecord saved = boards.insert(new DashboardRecord("acme", "d1", "Latency", "{}", Instant.EPOCH, 0));
      assertThat(saved.version()).isEqualTo(1);
      assertThat(boards.revision()).isGreaterThan(revision);
      assertThatThrownBy(() -> boards.insert(saved)).isInstanceOf(IllegalStateException.class);
      DashboardRecord changed = boards.update(new DashboardRecord("acme", "d1", "Latency p99", "{}", Instant.EPOCH, 1));
      assertThat(changed.version()).isEqualTo(2);
      assertThatThrownBy(() -> boards.update(saved)).isInstanceOf(ConcurrentChangeException.class)
          .hasMessageContaining("version 2, not 1");
      assertThatThrownBy(() -> boards.update(new DashboardRecord("other", "d1", "x", "{}", Instant.EPOCH, 2)))
          .isInstanceOf(NoSuchElementException.class);
      assertThat(boards.put(saved).version()).isEqualTo(3);
      assertThat(boards.list()).containsExactly(saved.withVersion(3));
      assertThat(boards.delete("acme", "d1")).isTrue();
      assertThat(boards.delete("acme", "d1")).isFalse();

      store.roles().put(new RoleRecord("kept", "[]", "api", 0));
      store.roles().replaceFromConfig(List.of(new RoleRecord("auditor", "[\"read:audit\"]", "config", 0)));
      long afterSync = store.roles().revision();
      store.roles().replaceFromConfig(List.of(new RoleRecord("auditor", "[\"read:audit\"]", "config", 0)));
      assertThat(store.roles().revision()).as("the same configuration changes nothing").isEqualTo(afterSync);
      store.roles().replaceFromConfig(List.of(new RoleRecord("support", "[\"read:*\"]", "config", 0)));
      assertThat(store.roles().list()).extracting(RoleRecord::name).containsExactly("kept", "support");

      assertThat(store.imported("keys.json")).isFalse();
      store.markImported("keys.json", 3);
      assertThat(store.imported("keys.json")).isTrue();
    }
  }

  @Test
  void aReplicaFollowsChangesOfAnotherNode() throws Exception {
    MetadataSettings settings = postgres();
    try (MetadataStore a = MetadataStore.open(settings, CLOCK); MetadataStore b = MetadataStore.open(settings, CLOCK);
        MetadataRefresher refresher = new MetadataRefresher(b, Duration.ZERO)) {
      Replica<ApiKeyRecord> keysOnB = refresher.replica(b.apiKeys());
      a.apiKeys().insert(key("from-a", 0));
      assertThat(keysOnB.rows()).isEmpty();
      refresher.refresh();
      assertThat(keysOnB.rows()).extracting(ApiKeyRecord::id).containsExactly("from-a");
      assertThat(refresher.reachable()).isTrue();
    }
  }

  @Test
  void unreachablePostgresqlIsNamedAtOpen() {
    MetadataSettings settings = MetadataSettings.postgresql("jdbc:postgresql://127.0.0.1:1/sightline", "u", "p",
        Duration.ofSeconds(1));
    assertThatThrownBy(() -> MetadataStore.open(settings, CLOCK)).isInstanceOf(MetadataUnavailableException.class)
        .hasMessageContaining("cannot reach the metadata store (PostgreSQL at jdbc:postgresql://127.0.0.1:1/sightline)");
  }

  private static ApiKeyRecord key(String id, long version) {
    return new ApiKeyRecord(id, "ci", "default", "viewer", "ab".repeat(32), Instant.parse("2026-01-01T00:00:00Z"), null, version);
  }
}
