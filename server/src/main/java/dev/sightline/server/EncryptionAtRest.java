package dev.sightline.server;

import dev.sightline.ingestlog.SegmentLogConfig;
import dev.sightline.security.atrest.AtRestException;
import dev.sightline.security.atrest.BlobCipher;
import dev.sightline.security.atrest.DataKeyStore;
import dev.sightline.security.atrest.LocalMasterKeys;
import dev.sightline.security.atrest.MasterKeys;
import dev.sightline.server.config.ConfigException;
import dev.sightline.server.config.ConfigLoader;
import dev.sightline.server.config.EncryptionSettings;
import dev.sightline.storage.duckdb.StoreEncryption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The keys of encryption at rest in one server: master keys from the configuration, the data keys
 * in {@code <data.dir>/security/data-keys.json}, a cipher for the ingest log and the key of the
 * store's file. Opening it rewraps the data keys when a new master key was put in front.
 */
final class EncryptionAtRest {
  static final String LOG_PURPOSE = "ingest-log";
  static final String STORE_PURPOSE = "store";
  private final MasterKeys master;
  private final DataKeyStore keys;
  private final boolean unsafeBuiltinStoreCrypto;

  private EncryptionAtRest(MasterKeys master, DataKeyStore keys, boolean unsafeBuiltinStoreCrypto) {
    this.master = master;
    this.keys = keys;
    this.unsafeBuiltinStoreCrypto = unsafeBuiltinStoreCrypto;
  }

  /** The keys when encryption is on, null when it is off. */
  static @Nullable EncryptionAtRest open(EncryptionSettings settings, Path dataDir, Clock clock) {
    if (!settings.enabled()) {
      return null;
    }
    try {
      MasterKeys master = settings.masterKeyFile() != null
          ? LocalMasterKeys.fromFile(settings.masterKeyFile())
          : LocalMasterKeys.fromText(settings.masterKeyEnv(), ConfigLoader.MASTER_KEY_ENV);
      Path file = dataDir.resolve("security").resolve("data-keys.json");
      if (!Files.exists(file)) {
        refuseUnencryptedData(dataDir);
      }
      return new EncryptionAtRest(master, DataKeyStore.open(file, master, clock), settings.unsafeBuiltinStoreCrypto());
    } catch (AtRestException e) {
      throw new ConfigException("encryption at rest: " + e.getMessage());
    }
  }

  /**
   * Encryption is turned on over a data directory without data keys: what is already there was
   * written in plain text and would stay so, so start-up stops.
   */
  private static void refuseUnencryptedData(Path dataDir) {
    Path store = dataDir.resolve("store").resolve("sightline.duckdb");
    boolean plainLog;
    try (Stream<Path> files = Files.exists(dataDir.resolve("ingest-log")) ? Files.list(dataDir.resolve("ingest-log")) : Stream.empty()) {
      plainLog = files.anyMatch(f -> f.toString().endsWith(".seg") && f.toFile().length() > 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dataDir.resolve("ingest-log") + ": " + e.getMessage(), e);
    }
    if (Files.exists(store) || plainLog) {
      throw new ConfigException("encryption.enabled=true, but the data directory " + dataDir + " already holds data "
          + "written without encryption (" + (Files.exists(store) ? store : dataDir.resolve("ingest-log"))
          + "), which would stay readable on disk. Start encrypted with an empty data.dir, or keep encryption off here "
          + "(docs/security.md, Encryption at rest: turning it on)");
    }
  }

  SegmentLogConfig encryptLog(SegmentLogConfig config) {
    return config.withCipher(new BlobCipher(keys, LOG_PURPOSE));
  }

  StoreEncryption store() {
    byte[] key = keys.storeKey().derive(STORE_PURPOSE).getEncoded();
    return new StoreEncryption(Base64.getEncoder().encodeToString(key), unsafeBuiltinStoreCrypto);
  }

  DataKeyStore keys() {
    return keys;
  }

  MasterKeys master() {
    return master;
  }
}
