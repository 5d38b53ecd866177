package dev.sightline.server.config;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Encryption at rest: on or off, where the master keys come from (a file, or the text of the
 * {@code SIGHTLINE_MASTER_KEY} environment variable, never both), and whether the store may use
 * DuckDB's unsafe built-in crypto when httpfs is missing. {@link #toString()} leaves keys out.
 */
public record EncryptionSettings(boolean enabled, @Nullable Path masterKeyFile, String masterKeyEnv,
    boolean unsafeBuiltinStoreCrypto) {

  static EncryptionSettings read(ConfigValues v, String masterKeyEnv) {
    boolean enabled = v.bool("encryption.enabled");
    Path file = v.optionalFile("encryption.master.key.file");
    String env = masterKeyEnv.strip();
    if (enabled && file == null && env.isEmpty()) {
      throw new ConfigException("encryption.enabled=true needs a master key: set encryption.master.key.file to a file "
          + "holding base64 of 32 random bytes (openssl rand -base64 32 > FILE; chmod 600 FILE), or put the key in the "
          + "environment variable " + ConfigLoader.MASTER_KEY_ENV);
    }
    if (enabled && file != null && !env.isEmpty()) {
      throw new ConfigException("encryption.master.key.file and " + ConfigLoader.MASTER_KEY_ENV
          + " are both set; give the master keys one way only");
    }
    return new EncryptionSettings(enabled, file, env, v.bool("encryption.store.unsafe.builtin.crypto"));
  }

  /** Off: nothing is encrypted at rest. */
  public static EncryptionSettings off() {
    return new EncryptionSettings(false, null, "", false);
  }

  @Override
  public String toString() {
    return "EncryptionSettings[enabled=" + enabled + ", masterKeyFile=" + masterKeyFile + ", masterKeyEnv="
        + (masterKeyEnv.isEmpty() ? "unset" : "set") + ", unsafeBuiltinStoreCrypto=" + unsafeBuiltinStoreCrypto + "]";
  }
}
