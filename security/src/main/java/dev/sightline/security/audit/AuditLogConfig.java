package dev.sightline.security.audit;

import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where and how the audit log is kept.
 *
 * @param directory holds the log files and nothing else
 * @param maxFileBytes a file is closed and a new one started once the next line would pass this
 *     size; files also roll at midnight UTC
 * @param hmacKeyFile a file holding a base64 key of at least 32 bytes; when set, each hash is an
 *     HMAC-SHA256 so that whoever can write the log but not read the key cannot rebuild the chain
 */
public record AuditLogConfig(Path directory, long maxFileBytes, @Nullable Path hmacKeyFile) {
  public static final long DEFAULT_MAX_FILE_BYTES = 64L * 1024 * 1024;
  static final long MIN_FILE_BYTES = 4096;

  public AuditLogConfig {
    Objects.requireNonNull(directory, "audit.directory is required");
    if (maxFileBytes < MIN_FILE_BYTES) {
      throw new IllegalArgumentException("audit.max_file_bytes must be at least " + MIN_FILE_BYTES + ", was " + maxFileBytes);
    }
  }

  /** A log in {@code directory} with 64 MiB files and plain SHA-256 hashes. */
  public static AuditLogConfig of(Path directory) {
    return new AuditLogConfig(directory, DEFAULT_MAX_FILE_BYTES, null);
  }

  public AuditLogConfig withMaxFileBytes(long bytes) {
    return new AuditLogConfig(directory, bytes, hmacKeyFile);
  }

  public AuditLogConfig withHmacKeyFile(Path keyFile) {
    return new AuditLogConfig(directory, maxFileBytes, keyFile);
  }
}
