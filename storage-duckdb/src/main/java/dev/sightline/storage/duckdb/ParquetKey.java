package dev.sightline.storage.duckdb;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import org.duckdb.DuckDBConnection;
import org.jspecify.annotations.Nullable;

/**
 * How tier files are encrypted: with an encrypted store, they are Parquet modular encryption
 * (AES-GCM) under a key DuckDB holds by name for the whole database, derived from the store's
 * key; with a plain store, plain. Exports for users are always plain.
 */
record ParquetKey(@Nullable String name) {
  static final ParquetKey NONE = new ParquetKey(null);
  private static final String NAME = "sightline_tiers";

  /** Registers the key derived from the store key with the database and returns its name. */
  static ParquetKey register(DuckDBConnection c, StoreEncryption store) throws SQLException {
    byte[] key;
    try {
      key = MessageDigest.getInstance("SHA-256").digest(("sightline tier files\n" + store.key()).getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA add_parquet_key('" + NAME + "', '" + Base64.getEncoder().encodeToString(key) + "')");
    }
    return new ParquetKey(NAME);
  }

  /** The option of {@code COPY … TO} that encrypts the file. */
  String copyOption() {
    return name == null ? "" : ", ENCRYPTION_CONFIG {footer_key: '" + name + "'}";
  }

  /** The option of {@code read_parquet} that decrypts the files. */
  String readOption() {
    return name == null ? "" : ", encryption_config = {footer_key: '" + name + "'}";
  }
}
