package dev.sightline.server.dashboards;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboards of every tenant, one JSON file per tenant under {@code <data>/dashboards/} (the
 * tenant's name in hex, so any name is a safe file name). A change is written to a temporary file,
 * forced to disk and moved over the old one, so a crash leaves the old file or the new, never half.
 */
public final class DashboardStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<Dashboard>> LIST = new TypeReference<>() {};
  private final Path dir;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Map<String, Dashboard>> byTenant = new HashMap<>();

  public DashboardStore(Path dir, Clock clock) {
    this.dir = dir;
    this.clock = clock;
  }

  public synchronized List<Dashboard> list(String tenant) {
    return List.copyOf(of(tenant).values());
  }

  public synchronized Optional<Dashboard> get(String tenant, String id) {
    return Optional.ofNullable(of(tenant).get(id));
  }

  /** Saves a new dashboard under a fresh id. */
  public synchronized Dashboard create(String tenant, Dashboard draft) {
    String id;
    do {
      byte[] b = new byte[6];
      random.nextBytes(b);
      id = HexFormat.of().formatHex(b);
    } while (of(tenant).containsKey(id));
    return put(tenant, draft, id);
  }

  /** Replaces a dashboard; empty when the tenant has none with that id. */
  public synchronized Optional<Dashboard> replace(String tenant, String id, Dashboard draft) {
    return of(tenant).containsKey(id) ? Optional.of(put(tenant, draft, id)) : Optional.empty();
  }

  public synchronized boolean delete(String tenant, String id) {
    Map<String, Dashboard> next = new LinkedHashMap<>(of(tenant));
    if (next.remove(id) == null) {
      return false;
    }
    write(tenant, next);
    return true;
  }

  private Dashboard put(String tenant, Dashboard draft, String id) {
    Dashboard saved = new Dashboard(id, draft.title(), draft.from(), draft.to(), draft.variables(), draft.panels(),
        clock.instant().toString());
    Map<String, Dashboard> next = new LinkedHashMap<>(of(tenant));
    next.put(id, saved);
    write(tenant, next);
    return saved;
  }

  private Map<String, Dashboard> of(String tenant) {
    return byTenant.computeIfAbsent(tenant, t -> {
      Path file = file(t);
      Map<String, Dashboard> loaded = new LinkedHashMap<>();
      if (Files.exists(file)) {
        try {
          JSON.readValue(file.toFile(), LIST).forEach(d -> loaded.put(d.id(), d));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read the dashboards of tenant '" + t + "' from " + file, e);
        }
      }
      return loaded;
    });
  }

  private void write(String tenant, Map<String, Dashboard> dashboards) {
    Path file = file(tenant);
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.createDirectories(dir);
      Files.writeString(tmp, JSON.writeValueAsString(List.copyOf(dashboards.values())), StandardCharsets.UTF_8);
      try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the dashboards of tenant '" + tenant + "' to " + file, e);
    }
    byTenant.put(tenant, dashboards);
  }

  private Path file(String tenant) {
    return dir.resolve(HexFormat.of().formatHex(tenant.getBytes(StandardCharsets.UTF_8)) + ".json");
  }
}
