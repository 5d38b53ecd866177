package dev.sightline.storage.duckdb;

import static java.util.Objects.requireNonNull;

/**
 * Encryption of the embedded store's file with DuckDB's own AES-256-GCM ({@code ATTACH …
 * (ENCRYPTION_KEY …)}): the database file, its write-ahead log and the temporary files of queries
 * that spill to disk. {@link #toString()} leaves the key out.
 *
 * <p>DuckDB writes encrypted files only with a crypto module whose random numbers are fit for
 * nonces: OpenSSL, which the {@code httpfs} extension brings. The store loads {@code httpfs} from
 * DuckDB's extension directory and refuses to open without it, unless {@code unsafeBuiltinCrypto}
 * allows DuckDB's built-in mbedTLS module, which DuckDB itself calls unsafe: its nonces come from
 * a non-cryptographic random generator, so GCM nonces may repeat. That is for tests and trials.
 *
 * @param key the key DuckDB derives the file key from: text, e.g. base64 of 32 random bytes
 */
public record StoreEncryption(String key, boolean unsafeBuiltinCrypto) {
  public StoreEncryption {
    requireNonNull(key, "key");
    if (key.length() < 32 || key.indexOf('\'') >= 0) {
      throw new IllegalArgumentException("the store key must be at least 32 characters without quotes");
    }
  }

  @Override
  public String toString() {
    return "StoreEncryption[unsafeBuiltinCrypto=" + unsafeBuiltinCrypto + "]";
  }
}
