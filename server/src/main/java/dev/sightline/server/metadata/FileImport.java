package dev.sightline.server.metadata;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sightline.alerting.RuleFiles;
import dev.sightline.alerting.notify.Silences;
import dev.sightline.metadata.MetadataStore;
import dev.sightline.metadata.NotificationConfigRecord;
import dev.sightline.security.auth.ApiKeys;
import dev.sightline.server.dashboards.DashboardStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the metadata an older version kept in files of the data directory into the store, once
 * per data directory and store: API keys ({@code security/keys.json}), silences
 * ({@code alerting/silences.json}), dashboards ({@code dashboards/}), the rule files of the API
 * ({@code alerting/rules/}) and the notification configuration it set ({@code alerting/notifications.json}). The files stay where they are (a later switch to another store imports
 * them again there); the store remembers each import by host and path, so a restart does not repeat it.
 */
final class FileImport {
  private static final Logger log = LoggerFactory.getLogger(FileImport.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private interface Importer {
    int run() throws IOException;
  }

  private FileImport() {}

  static void run(MetadataStore store, Path dataDir, Clock clock) {
    Path security = dataDir.resolve("security");
    Path alerting = dataDir.resolve("alerting");
    once(store, dataDir, "security/keys.json", () -> ApiKeys.importFile(security.resolve("keys.json"), store.apiKeys()));
    once(store, dataDir, "alerting/" + Silences.FILE, () -> Silences.importFile(alerting, store.silences()));
    once(store, dataDir, "dashboards", () -> DashboardStore.importDir(dataDir.resolve("dashboards"), store.dashboards()));
    once(store, dataDir, "alerting/rules", () -> RuleFiles.importDir(alerting.resolve("rules"), store.rules(), clock));
    once(store, dataDir, "alerting/notifications.json", () -> notifications(alerting.resolve("notifications.json"), store, clock));
  }

  private static void once(MetadataStore store, Path dataDir, String what, Importer importer) {
    String name = host() + ":" + dataDir.toAbsolutePath().normalize().resolve(what);
    if (store.imported(name)) {
      return;
    }
    int items;
    try {
      items = importer.run();
    } catch (IOException e) {
      throw new UncheckedIOException("importing " + dataDir.resolve(what) + " into the metadata store ("
          + store.description() + ") failed; fix or move the file and start again", e);
    }
    store.markImported(name, items);
    if (items > 0) {
      log.info("imported {} item(s) of {} into the metadata store ({}); the file is no longer read and may be removed",
          items, dataDir.resolve(what), store.description());
    }
  }

  /** The notification configuration an older version kept after {@code PUT /api/v1/notifications/config}. */
  private static int notifications(Path file, MetadataStore store, Clock clock) throws IOException {
    if (!Files.exists(file)) {
      return 0;
    }
    String section = Files.readString(file);
    JSON.readTree(section); // refuse what is not JSON here, naming the file, rather than at every start
    store.notificationConfigs().put(new NotificationConfigRecord(NotificationConfigRecord.API, section, clock.instant(), 0));
    return 1;
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
