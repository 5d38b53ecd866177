package dev.sightline.server.dashboards;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sightline.metadata.ConcurrentChangeException;
import dev.sightline.metadata.DashboardRecord;
import dev.sightline.metadata.MetadataTable;
import dev.sightline.metadata.Replica;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The dashboards of every tenant, in the metadata store's {@code dashboards} table (title and
 * updated time in columns, the rest as JSON). Reads come from this node's replica; a change goes to
 * the store first and is refused, changing nothing, when the store cannot take it.
 */
public final class DashboardStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Replica<DashboardRecord> replica;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  /** What the {@code body} column holds. */
  private record Body(String from, String to, List<Dashboard.Variable> variables, List<Dashboard.Panel> panels) {}

  public DashboardStore(Replica<DashboardRecord> replica, Clock clock) {
    this.replica = replica;
    this.clock = clock;
  }

  public List<Dashboard> list(String tenant) {
    return of(tenant).map(DashboardStore::dashboard).toList();
  }

  public Optional<Dashboard> get(String tenant, String id) {
    return of(tenant).filter(r -> r.id().equals(id)).findFirst().map(DashboardStore::dashboard);
  }

  /** Saves a new dashboard under a fresh id. */
  public Dashboard create(String tenant, Dashboard draft) {
    byte[] b = new byte[6];
    random.nextBytes(b);
    DashboardRecord saved = replica.table().insert(record(tenant, HexFormat.of().formatHex(b), draft, 0));
    replica.reloadAfterChange();
    return dashboard(saved);
  }

  /**
   * Replaces a dashboard; empty when the tenant has none with that id.
   *
   * @throws ConcurrentChangeException when the draft names a version that is not the stored one
   */
  public Optional<Dashboard> replace(String tenant, String id, Dashboard draft) {
    replica.reload();
    Optional<DashboardRecord> now = of(tenant).filter(r -> r.id().equals(id)).findFirst();
    if (now.isEmpty()) {
      return Optional.empty();
    }
    long version = draft.version() == 0 ? now.get().version() : draft.version();
    if (version != now.get().version()) {
      throw new ConcurrentChangeException("dashboard " + id + " is at version " + now.get().version() + ", not " + version
          + ": someone saved it since you read it; read it again");
    }
    DashboardRecord saved = replica.table().update(record(tenant, id, draft, version));
    replica.reloadAfterChange();
    return Optional.of(dashboard(saved));
  }

  public boolean delete(String tenant, String id) {
    boolean deleted = replica.table().delete(tenant, id);
    replica.reloadAfterChange();
    return deleted;
  }

  private Stream<DashboardRecord> of(String tenant) {
    return replica.rows().stream().filter(r -> r.tenant().equals(tenant));
  }

  private DashboardRecord record(String tenant, String id, Dashboard d, long version) {
    return new DashboardRecord(tenant, id, d.title(), body(d), clock.instant(), version);
  }

  private static String body(Dashboard d) {
    try {
      return JSON.writeValueAsString(new Body(d.from(), d.to(), d.variables(), d.panels()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Dashboard dashboard(DashboardRecord r) {
    try {
      Body b = JSON.readValue(r.body(), Body.class);
      return new Dashboard(r.id(), r.title(), b.from(), b.to(), b.variables(), b.panels(), r.updatedAt().toString(),
          r.version());
    } catch (IOException e) {
      throw new IllegalStateException("dashboard " + r.id() + " of tenant '" + r.tenant() + "' is not readable JSON: "
          + e.getMessage(), e);
    }
  }

  /**
   * Copies the dashboards an older version kept in {@code dir} (a JSON file per tenant, named by
   * the tenant in hex) into the store; one already there is replaced, so a repeated import changes nothing.
   *
   * @return how many dashboards the files held
   */
  public static int importDir(Path dir, MetadataTable<DashboardRecord> table) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    int n = 0;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        String hex = file.getFileName().toString().replace(".json", "");
        String tenant = new String(HexFormat.of().parseHex(hex), StandardCharsets.UTF_8);
        for (Dashboard d : JSON.readValue(file.toFile(), new TypeReference<List<Dashboard>>() {})) {
          table.put(new DashboardRecord(tenant, d.id(), d.title(), body(d), Instant.parse(d.updatedAt()), 0));
          n++;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("importing the dashboards in " + dir, e);
    }
    return n;
  }
}
