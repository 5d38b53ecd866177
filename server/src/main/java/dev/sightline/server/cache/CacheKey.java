package dev.sightline.server.cache;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * What a cached value answers: a tenant's trace by id, or a tenant's search by the canonical text
 * of its query. The tenant is part of every key, so tenants never share an entry.
 */
record CacheKey(String tenant, Kind kind, String id) {

  enum Kind { TRACE, SEARCH }

  /** Every Redis key of this cache starts so; the tenant is hex so no tenant name can reach into another's keys. */
  static final String REDIS_PREFIX = "sightline:cache:v1:";

  CacheKey {
    requireNonNull(tenant, "tenant");
    requireNonNull(kind, "kind");
    requireNonNull(id, "id");
  }

  static CacheKey trace(String tenant, String traceId) {
    return new CacheKey(tenant, Kind.TRACE, traceId.toLowerCase(java.util.Locale.ROOT));
  }

  String redisKey() {
    String tail = kind == Kind.TRACE ? id : sha256(id);
    return tenantPrefix(tenant) + kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + tail;
  }

  /** The start of every Redis key of the tenant's entries. */
  static String tenantPrefix(String tenant) {
    return REDIS_PREFIX + HexFormat.of().formatHex(tenant.getBytes(StandardCharsets.UTF_8)) + ":";
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
