package dev.sightline.server.metadata;

import dev.sightline.metadata.ApiKeyRecord;
import dev.sightline.metadata.DashboardRecord;
import dev.sightline.metadata.MetadataRefresher;
import dev.sightline.metadata.MetadataStore;
import dev.sightline.metadata.NotificationConfigRecord;
import dev.sightline.metadata.Replica;
import dev.sightline.metadata.RuleFileRecord;
import dev.sightline.metadata.SilenceRecord;
import dev.sightline.server.config.NodeRole;
import dev.sightline.server.config.ServerConfig;
import dev.sightline.metadata.UserRecord;
import dev.sightline.server.ops.Readiness;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The metadata store of one node: opened (and migrated) at start, given what the configuration
 * defines and what an older data directory held in files, then read through replicas that a
 * refresher keeps within {@code metadata.refresh.interval} of the store.
 */
public final class MetadataSetup implements AutoCloseable {
  private final MetadataStore store;
  private final MetadataRefresher refresher;
  private final Replica<ApiKeyRecord> apiKeys;
  private final Replica<SilenceRecord> silences;
  private final Replica<DashboardRecord> dashboards;
  private final Replica<RuleFileRecord> rules;
  private final Replica<NotificationConfigRecord> notificationConfigs;
  private final StoredRoles roles;

  private MetadataSetup(MetadataStore store, ServerConfig config) {
    this.store = store;
    this.refresher = new MetadataRefresher(store, config.metadata().refreshInterval());
    apiKeys = refresher.replica(store.apiKeys());
    silences = refresher.replica(store.silences());
    dashboards = refresher.replica(store.dashboards());
    rules = refresher.replica(store.rules());
    notificationConfigs = refresher.replica(store.notificationConfigs());
    roles = new StoredRoles(refresher.replica(store.roles()));
  }

  /**
   * @throws dev.sightline.metadata.MetadataUnavailableException naming the store when it cannot be reached
   * @throws dev.sightline.metadata.MigrationException when its schema cannot be brought to this version
   */
  public static MetadataSetup open(ServerConfig config, Clock clock) {
    MetadataStore store = MetadataStore.open(config.metadata().store(), clock);
    try {
      ConfigSync.roles(store, config.roles());
      ConfigSync.users(store, config.auth().certificateRoles(), config.tenant());
      ConfigSync.channels(store, config.notifications());
      FileImport.run(store, config.dataDir(), clock);
      return new MetadataSetup(store, config);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  public Replica<ApiKeyRecord> apiKeys() {
    return apiKeys;
  }

  public Replica<SilenceRecord> silences() {
    return silences;
  }

  public Replica<DashboardRecord> dashboards() {
    return dashboards;
  }

  public Replica<RuleFileRecord> rules() {
    return rules;
  }

  public Replica<NotificationConfigRecord> notificationConfigs() {
    return notificationConfigs;
  }

  public StoredRoles roles() {
    return roles;
  }

  /** The certificate users of the store: {@code role@tenant} by common name, as {@code auth.mtls.roles} writes them. */
  public Map<String, String> certificateRoles() {
    return store.users().list().stream().filter(u -> u.kind().equals(ConfigSync.CERTIFICATE))
        .collect(Collectors.toUnmodifiableMap(UserRecord::name, u -> u.role() + "@" + u.tenant()));
  }

  /** Whether the store answered the last refresh; changes need it, reads use the copies meanwhile. */
  public boolean reachable() {
    return refresher.reachable();
  }

  /**
   * {@code all} and {@code query} nodes change metadata through their API, so they are not ready
   * while the store does not answer; {@code ingest} and {@code worker} nodes only read keys from
   * their copy, so for them it is reported only.
   */
  public void requiredBy(NodeRole role, Readiness readiness) {
    // /ready answers anyone: the kind of store, not its address or file
    String store = this.store.description().startsWith("PostgreSQL") ? "PostgreSQL" : "embedded";
    Supplier<Readiness.State> state = () -> refresher.reachable()
        ? new Readiness.State(true, "metadata store answers (" + store + ")")
        : new Readiness.State(false, "metadata store does not answer (" + store + "); changes are refused, reads use this node's copy");
    if (role.answersQueries()) {
      readiness.require("metadata", state);
    } else {
      readiness.report("metadata", state);
    }
  }

  public void start() {
    refresher.start();
  }

  @Override
  public void close() {
    refresher.close();
    store.close();
  }
}
