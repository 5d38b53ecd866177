package dev.sightline.metadata;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The metadata of an installation, one {@link MetadataTable} per kind. Open it with {@link #open}:
 * the database's schema is migrated first.
 */
public interface MetadataStore extends AutoCloseable {
  MetadataTable<UserRecord> users();

  MetadataTable<ApiKeyRecord> apiKeys();

  MetadataTable<RoleRecord> roles();

  MetadataTable<RuleFileRecord> rules();

  MetadataTable<ChannelRecord> channels();

  MetadataTable<SilenceRecord> silences();

  MetadataTable<DashboardRecord> dashboards();

  /** Part of the channels: the notification configuration set through the API. */
  MetadataTable<NotificationConfigRecord> notificationConfigs();

  /** Every kind's revision, in one query. */
  Map<String, Long> revisions();

  /** Whether a one-time import of this name (a file of an older data directory) is done. */
  boolean imported(String name);

  /** Records that the import of this name is done, with how many items it brought. */
  void markImported(String name, long items);

  /** The migrations the database has applied. */
  List<AppliedMigration> migrations();

  /** What messages call the store, e.g. {@code PostgreSQL at jdbc:postgresql://db:5432/sightline}. */
  String description();

  @Override
  void close();

  /**
   * Opens the store and applies the migrations it lacks; PostgreSQL is waited for up to the start
   * timeout.
   *
   * @throws MetadataUnavailableException naming the database when it cannot be reached
   * @throws MigrationException when the schema cannot be brought to this build's version
   */
  static MetadataStore open(MetadataSettings settings, Clock clock) {
    return JdbcMetadataStore.open(settings, Migration.bundled(), clock);
  }
}
