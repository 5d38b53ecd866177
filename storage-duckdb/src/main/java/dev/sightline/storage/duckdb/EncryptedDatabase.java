package dev.sightline.storage.duckdb;

import dev.sightline.storage.StorageException;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.duckdb.DuckDBConnection;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the store's file through DuckDB's native encryption: an in-memory database that attaches
 * the file with its key and makes it the default catalog ({@code USE}). {@code USE} holds per
 * connection, so every duplicated connection must repeat it ({@link #use}).
 */
final class EncryptedDatabase {
  /** The catalog name the store's file is attached under. */
  static final String CATALOG = "sightline";
  private static final Logger log = LoggerFactory.getLogger(EncryptedDatabase.class);

  private EncryptedDatabase() {}

  /** An open encrypted store and the crypto module DuckDB encrypts it with. */
  record Opened(DuckDBConnection connection, String crypto) {}

  static Opened open(Path file, Properties props, StoreEncryption encryption) throws SQLException {
    DuckDBConnection c = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:", props);
    try {
      // A database in memory would spill next to the working directory; keep spills beside the file.
      execute(c, "SET temp_directory = '" + quoted(file + ".tmp") + "'");
      // DuckDB leaves spilled blocks in plain text unless told otherwise, even for an encrypted database.
      execute(c, "SET temp_file_encryption = true");
      String crypto = loadCrypto(c, encryption);
      try {
        execute(c, "ATTACH '" + quoted(file.toString()) + "' AS " + CATALOG + " (ENCRYPTION_KEY '" + encryption.key()
            + "', ENCRYPTION_CIPHER 'GCM')");
      } catch (SQLException e) {
        throw new StorageException(attachFailure(file, e.getMessage()), e);
      }
      use(c);
      return new Opened(c, crypto);
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  /** Makes the store's file the default catalog of {@code c}, e.g. of a duplicated connection. */
  static void use(DuckDBConnection c) throws SQLException {
    execute(c, "USE " + CATALOG);
  }

  private static String loadCrypto(DuckDBConnection c, StoreEncryption encryption) throws SQLException {
    try {
      execute(c, "LOAD httpfs");
      return "openssl (httpfs)";
    } catch (SQLException e) {
      if (!encryption.unsafeBuiltinCrypto()) {
        throw new StorageException("the embedded store cannot be encrypted securely: DuckDB writes encrypted files "
            + "only with OpenSSL from its httpfs extension, which is not installed ("
            + e.getMessage().lines().findFirst().orElse("") + "). Install httpfs into DuckDB's extension directory "
            + "(docs/security.md, Encryption at rest), or, for a trial only, set encryption.store.unsafe.builtin.crypto=true");
      }
    }
    execute(c, "SET force_mbedtls_unsafe = true");
    log.warn("ENCRYPTION OF THE EMBEDDED STORE USES DUCKDB'S BUILT-IN CRYPTO, WHICH DUCKDB CALLS UNSAFE: its nonces come "
        + "from a non-cryptographic random generator. Install the httpfs extension and remove "
        + "encryption.store.unsafe.builtin.crypto for real use.");
    return "built-in mbedTLS (unsafe)";
  }

  private static String attachFailure(Path file, @Nullable String message) {
    String m = message == null ? "" : message;
    if (m.contains("is not encrypted")) {
      return "the embedded store " + file + " was written without encryption and cannot be opened with "
          + "encryption.enabled=true; start with encryption off, or start an encrypted data directory elsewhere "
          + "(docs/security.md, Encryption at rest: turning it on)";
    }
    if (m.toLowerCase(java.util.Locale.ROOT).contains("wrong encryption key")) {
      return "the embedded store " + file + " does not open with its key from the data-key file: the data-key file "
          + "was replaced or belongs to another data directory";
    }
    return "cannot attach the encrypted embedded store " + file + ": " + m.lines().findFirst().orElse("");
  }

  /** The message for opening an encrypted file without a key, or null when that is not what failed. */
  static @Nullable String openFailure(Path file, @Nullable String message) {
    if (message != null && message.contains("Cannot open encrypted database")) {
      return "the embedded store " + file + " is encrypted; start with encryption.enabled=true and the master key "
          + "it was written under (encryption.master.key.file or SIGHTLINE_MASTER_KEY)";
    }
    return null;
  }

  private static String quoted(String text) {
    return text.replace("'", "''");
  }

  private static void execute(DuckDBConnection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
