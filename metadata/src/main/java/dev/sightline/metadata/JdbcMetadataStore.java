package dev.sightline.metadata;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The store on either database: the same tables, SQL and migrations on both. */
final class JdbcMetadataStore implements MetadataStore {
  private static final Logger log = LoggerFactory.getLogger(JdbcMetadataStore.class);
  private final Database db;
  private final Clock clock;
  private final MetadataTable<UserRecord> users;
  private final MetadataTable<ApiKeyRecord> apiKeys;
  private final MetadataTable<RoleRecord> roles;
  private final MetadataTable<RuleFileRecord> rules;
  private final MetadataTable<ChannelRecord> channels;
  private final MetadataTable<SilenceRecord> silences;
  private final MetadataTable<DashboardRecord> dashboards;
  private final MetadataTable<NotificationConfigRecord> notificationConfigs;

  private JdbcMetadataStore(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
    users = new JdbcTable<>(db, Tables.USERS);
    apiKeys = new JdbcTable<>(db, Tables.API_KEYS);
    roles = new JdbcTable<>(db, Tables.ROLES);
    rules = new JdbcTable<>(db, Tables.RULES);
    channels = new JdbcTable<>(db, Tables.CHANNELS);
    silences = new JdbcTable<>(db, Tables.SILENCES);
    dashboards = new JdbcTable<>(db, Tables.DASHBOARDS);
    notificationConfigs = new JdbcTable<>(db, Tables.NOTIFICATION_CONFIGS);
  }

  static JdbcMetadataStore open(MetadataSettings settings, List<Migration> migrations, Clock clock) {
    Database db = switch (settings.kind()) {
      case EMBEDDED -> new EmbeddedDatabase(settings.embeddedFile());
      case POSTGRESQL -> new PostgresDatabase(settings.url(), settings.user(), settings.password());
    };
    try {
      awaitAnswer(db, settings);
      long started = System.nanoTime();
      List<AppliedMigration> applied = Migrator.migrate(db, migrations, clock);
      log.info("metadata store: {}, schema at V{} ({} ms to check and migrate)", db.description(),
          applied.isEmpty() ? 0 : applied.getLast().version(), (System.nanoTime() - started) / 1_000_000);
      return new JdbcMetadataStore(db, clock);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /** Asks the database {@code SELECT 1} until it answers or the start timeout has passed. */
  private static void awaitAnswer(Database db, MetadataSettings settings) {
    long deadline = System.nanoTime() + settings.startTimeout().toNanos();
    while (true) {
      try {
        db.read("answer", c -> {
          try (Statement s = c.createStatement()) {
            return s.execute("SELECT 1");
          }
        });
        return;
      } catch (MetadataUnavailableException e) {
        if (System.nanoTime() > deadline) {
          throw new MetadataUnavailableException("cannot reach the metadata store (" + db.description() + ") within "
              + settings.startTimeout().toSeconds() + " s: " + e.getCause().getMessage(), e.getCause());
        }
        log.warn("waiting for the metadata store ({}): {}", db.description(), e.getCause().getMessage());
        try {
          Thread.sleep(500);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  @Override
  public MetadataTable<UserRecord> users() {
    return users;
  }

  @Override
  public MetadataTable<ApiKeyRecord> apiKeys() {
    return apiKeys;
  }

  @Override
  public MetadataTable<RoleRecord> roles() {
    return roles;
  }

  @Override
  public MetadataTable<RuleFileRecord> rules() {
    return rules;
  }

  @Override
  public MetadataTable<ChannelRecord> channels() {
    return channels;
  }

  @Override
  public MetadataTable<SilenceRecord> silences() {
    return silences;
  }

  @Override
  public MetadataTable<DashboardRecord> dashboards() {
    return dashboards;
  }

  @Override
  public MetadataTable<NotificationConfigRecord> notificationConfigs() {
    return notificationConfigs;
  }

  @Override
  public Map<String, Long> revisions() {
    return db.read("read the revisions", c -> {
      Map<String, Long> out = new LinkedHashMap<>();
      try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT kind, revision FROM metadata_revisions")) {
        while (r.next()) {
          out.put(r.getString(1), r.getLong(2));
        }
      }
      return out;
    });
  }

  @Override
  public boolean imported(String name) {
    return db.read("read its imports", c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT items FROM file_imports WHERE name = ?")) {
        s.setString(1, name);
        try (ResultSet r = s.executeQuery()) {
          return r.next();
        }
      }
    });
  }

  @Override
  public void markImported(String name, long items) {
    db.write("record an import", c -> {
      try (PreparedStatement s = c.prepareStatement("DELETE FROM file_imports WHERE name = ?")) {
        s.setString(1, name);
        s.executeUpdate();
      }
      try (PreparedStatement s = c.prepareStatement("INSERT INTO file_imports (name, imported_at, items) VALUES (?, ?, ?)")) {
        s.setString(1, name);
        s.setString(2, Instant.now(clock).toString());
        s.setLong(3, items);
        return s.executeUpdate();
      }
    });
  }

  @Override
  public List<AppliedMigration> migrations() {
    return Migrator.list(db);
  }

  @Override
  public String description() {
    return db.description();
  }

  @Override
  public void close() {
    db.close();
  }
}
