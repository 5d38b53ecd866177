package dev.sightline.security.auth;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sightline.metadata.ApiKeyRecord;
import dev.sightline.metadata.ConcurrentChangeException;
import dev.sightline.metadata.MetadataTable;
import dev.sightline.metadata.Replica;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * API keys, each scoped to a tenant and a role. A key is {@code sl_<id>_<secret>}; only the SHA-256
 * of the secret is kept (in the metadata store's {@code api_keys}), so the store does not let anyone
 * use a key, and the key itself is shown once, when it is created. Secrets are 32 random bytes, so a
 * plain hash is enough: there is nothing to guess. Authentication reads this node's replica, so it
 * keeps working while the store is unreachable; creating and revoking need the store.
 */
public final class ApiKeys {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int REVOKE_ATTEMPTS = 3;
  private final Replica<ApiKeyRecord> replica;
  private final Clock clock;
  private final Function<String, Optional<Role>> roles;
  private volatile ById byId = new ById(List.of(), Map.of());

  /** A key as stored: no secret, only its hash. */
  public record StoredKey(String id, String name, String tenant, String role, String secretSha256, Instant createdAt,
      @Nullable Instant revokedAt) {}

  /** A new key: the token is shown once. */
  public record CreatedKey(StoredKey key, String token) {}

  /** The replica's rows by id, rebuilt when the replica holds new rows. */
  private record ById(List<ApiKeyRecord> rows, Map<String, ApiKeyRecord> keys) {}

  public ApiKeys(Replica<ApiKeyRecord> replica, Clock clock, Function<String, Optional<Role>> roles) {
    this.replica = replica;
    this.clock = clock;
    this.roles = roles;
  }

  /** @throws IllegalArgumentException naming the field that is wrong */
  public CreatedKey create(String name, String tenant, String role) {
    if (name.isBlank()) {
      throw new IllegalArgumentException("name: required, to tell keys apart");
    }
    Tenants.requireValid(tenant, "tenant");
    if (roles.apply(role).isEmpty()) {
      throw new IllegalArgumentException("role: '" + role + "' is not a role; built in: admin, operator, viewer, analyst");
    }
    byte[] idBytes = new byte[6];
    RANDOM.nextBytes(idBytes);
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String id = HexFormat.of().formatHex(idBytes);
    String secretText = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    ApiKeyRecord key = replica.table().insert(new ApiKeyRecord(id, name, tenant, role, sha256(secretText), clock.instant(), null, 0));
    replica.reloadAfterChange();
    return new CreatedKey(stored(key), "sl_" + id + "_" + secretText);
  }

  /** @return false when there is no such key */
  public boolean revoke(String id) {
    for (int attempt = 1; ; attempt++) {
      replica.reload();
      ApiKeyRecord k = keys().get(id);
      if (k == null) {
        return false;
      }
      if (k.revokedAt() != null) {
        return true;
      }
      try {
        replica.table().update(new ApiKeyRecord(k.id(), k.name(), k.tenant(), k.role(), k.secretSha256(), k.createdAt(),
            clock.instant(), k.version()));
        replica.reloadAfterChange();
        return true;
      } catch (ConcurrentChangeException e) {
        if (attempt == REVOKE_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  public List<StoredKey> list() {
    return replica.rows().stream().map(ApiKeys::stored).toList();
  }

  /** The principal of a valid, unrevoked key whose role still exists; empty otherwise. */
  public Optional<Principal> authenticate(String token) {
    if (!token.startsWith("sl_") || token.length() < 20) {
      return Optional.empty();
    }
    int sep = token.indexOf('_', 3);
    if (sep < 0) {
      return Optional.empty();
    }
    ApiKeyRecord k = keys().get(token.substring(3, sep));
    if (k == null || k.revokedAt() != null) {
      return Optional.empty();
    }
    boolean match = MessageDigest.isEqual(k.secretSha256().getBytes(StandardCharsets.US_ASCII),
        sha256(token.substring(sep + 1)).getBytes(StandardCharsets.US_ASCII));
    return match ? roles.apply(k.role()).map(r -> new Principal("key:" + k.id(), k.tenant(), r)) : Optional.empty();
  }

  private Map<String, ApiKeyRecord> keys() {
    List<ApiKeyRecord> rows = replica.rows();
    ById current = byId;
    if (current.rows() != rows) {
      current = new ById(rows, rows.stream().collect(Collectors.toUnmodifiableMap(ApiKeyRecord::id, k -> k)));
      byId = current;
    }
    return current.keys();
  }

  /**
   * Copies the keys of a {@code keys.json} of an older version into the store (an import of a key
   * already there replaces it, so a repeated import changes nothing).
   *
   * @return how many keys the file held
   */
  public static int importFile(Path file, MetadataTable<ApiKeyRecord> table) throws IOException {
    if (!Files.exists(file)) {
      return 0;
    }
    List<Map<String, String>> keys = JSON.readValue(file.toFile(), new TypeReference<List<Map<String, String>>>() {});
    for (Map<String, String> m : keys) {
      table.put(new ApiKeyRecord(m.get("id"), m.get("name"), m.get("tenant"), m.get("role"), m.get("secretSha256"),
          Instant.parse(m.get("createdAt")), m.get("revokedAt") == null ? null : Instant.parse(m.get("revokedAt")), 0));
    }
    return keys.size();
  }

  private static StoredKey stored(ApiKeyRecord k) {
    return new StoredKey(k.id(), k.name(), k.tenant(), k.role(), k.secretSha256(), k.createdAt(), k.revokedAt());
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
