package dev.sightline.security.auth;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * API keys, each scoped to a tenant and a role. A key is {@code sl_<id>_<secret>}; only the SHA-256
 * of the secret is kept (in {@code keys.json}, replaced atomically), so the file does not let anyone
 * use a key, and the key itself is shown once, when it is created. Secrets are 32 random bytes, so a
 * plain hash is enough: there is nothing to guess.
 */
public final class ApiKeys {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Path file;
  private final Clock clock;
  private final Function<String, Optional<Role>> roles;
  private final Map<String, StoredKey> keys = new LinkedHashMap<>();

  /** A key as stored: no secret, only its hash. */
  public record StoredKey(String id, String name, String tenant, String role, String secretSha256, Instant createdAt,
      @Nullable Instant revokedAt) {}

  /** A new key: the token is shown once. */
  public record CreatedKey(StoredKey key, String token) {}

  public ApiKeys(Path file, Clock clock, Function<String, Optional<Role>> roles) {
    this.file = file;
    this.clock = clock;
    this.roles = roles;
    if (Files.exists(file)) {
      try {
        for (Map<String, String> m : JSON.readValue(file.toFile(), new TypeReference<List<Map<String, String>>>() {})) {
          StoredKey k = new StoredKey(m.get("id"), m.get("name"), m.get("tenant"), m.get("role"), m.get("secretSha256"),
              Instant.parse(m.get("createdAt")), m.get("revokedAt") == null ? null : Instant.parse(m.get("revokedAt")));
          keys.put(k.id(), k);
        }
      } catch (IOException e) {
        throw new IllegalStateException("the API keys in " + file + " cannot be read: " + e.getMessage(), e);
      }
    }
  }

  /** @throws IllegalArgumentException naming the field that is wrong */
  public synchronized CreatedKey create(String name, String tenant, String role) {
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
    StoredKey key = new StoredKey(id, name, tenant, role, sha256(secretText), clock.instant(), null);
    keys.put(id, key);
    save();
    return new CreatedKey(key, "sl_" + id + "_" + secretText);
  }

  /** @return false when there is no such key */
  public synchronized boolean revoke(String id) {
    StoredKey k = keys.get(id);
    if (k == null) {
      return false;
    }
    if (k.revokedAt() == null) {
      keys.put(id, new StoredKey(k.id(), k.name(), k.tenant(), k.role(), k.secretSha256(), k.createdAt(), clock.instant()));
      save();
    }
    return true;
  }

  public synchronized List<StoredKey> list() {
    return new ArrayList<>(keys.values());
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
    StoredKey k;
    synchronized (this) {
      k = keys.get(token.substring(3, sep));
    }
    if (k == null || k.revokedAt() != null) {
      return Optional.empty();
    }
    boolean match = MessageDigest.isEqual(k.secretSha256().getBytes(StandardCharsets.US_ASCII),
        sha256(token.substring(sep + 1)).getBytes(StandardCharsets.US_ASCII));
    return match ? roles.apply(k.role()).map(r -> new Principal("key:" + k.id(), k.tenant(), r)) : Optional.empty();
  }

  private void save() {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      List<Map<String, String>> out = new ArrayList<>();
      for (StoredKey k : keys.values()) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("id", k.id());
        m.put("name", k.name());
        m.put("tenant", k.tenant());
        m.put("role", k.role());
        m.put("secretSha256", k.secretSha256());
        m.put("createdAt", k.createdAt().toString());
        if (k.revokedAt() != null) {
          m.put("revokedAt", k.revokedAt().toString());
        }
        out.add(m);
      }
      JSON.writeValue(tmp.toFile(), out);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("saving API keys to " + file, e);
    }
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
