package dev.sightline.metadata;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** An API key as stored: the SHA-256 of its secret, never the secret. */
public record ApiKeyRecord(String id, String name, String tenant, String role, String secretSha256, Instant createdAt,
    @Nullable Instant revokedAt, long version) implements Versioned<ApiKeyRecord> {
  @Override
  public ApiKeyRecord withVersion(long v) {
    return new ApiKeyRecord(id, name, tenant, role, secretSha256, createdAt, revokedAt, v);
  }
}
