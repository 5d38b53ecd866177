package dev.sightline.server.config;

import dev.sightline.storage.objects.S3Config;
import dev.sightline.storage.tier.Retention;
import dev.sightline.storage.tier.RetentionPolicy;
import dev.sightline.storage.tier.SignalType;
import dev.sightline.storage.tier.Tier;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Storage tiers and retention: whether data moves beyond the hot store, where the tiers are, their
 * budgets, the retention per signal ({@code retention.<signal>.<tier>}) and per tenant
 * ({@code retention.tenant.<tenant>.<signal>.<tier>}), and the S3-compatible store for the cold
 * tier and the archive ({@code tiers.s3.*}; without it, a directory). {@link #toString()} leaves
 * the secret key out.
 */
public record TierSettings(boolean enabled, @Nullable Path directory, Duration interval, long hotBudgetBytes,
    long warmBudgetBytes, long cacheBytes, Duration restoreFor, Duration grace, RetentionPolicy retention,
    @Nullable S3Config s3) {

  static final String TENANT_PREFIX = "retention.tenant.";

  static TierSettings read(ConfigValues v) {
    Map<SignalType, Retention> defaults = new EnumMap<>(SignalType.class);
    for (SignalType s : SignalType.values()) {
      defaults.put(s, retention(v, "retention." + s.label() + ".", Retention.defaultFor(s)));
    }
    Map<String, Map<SignalType, Retention>> tenants = new HashMap<>();
    for (String key : v.keysStartingWith(TENANT_PREFIX)) {
      String[] parts = key.substring(TENANT_PREFIX.length()).split("\\.");
      if (parts.length != 3) {
        throw new ConfigException(key + ": a tenant's retention is set as retention.tenant.<tenant>.<signal>.<tier>");
      }
      signal(key, parts[1]);
      tenants.computeIfAbsent(parts[0], t -> new EnumMap<>(SignalType.class));
    }
    tenants.replaceAll((tenant, signals) -> {
      Map<SignalType, Retention> out = new EnumMap<>(SignalType.class);
      for (SignalType s : SignalType.values()) {
        out.put(s, retention(v, TENANT_PREFIX + tenant + "." + s.label() + ".", defaults.get(s)));
      }
      return out;
    });
    String dir = v.optional("tiers.dir");
    return new TierSettings(v.bool("tiers.enabled"), dir.isEmpty() ? null : Path.of(dir),
        v.duration("tiers.interval"), v.bytes("tiers.hot.budget", 0, Long.MAX_VALUE),
        v.bytes("tiers.warm.budget", 0, Long.MAX_VALUE), v.bytes("tiers.cache.bytes", 1L << 20, Long.MAX_VALUE),
        positive(v, "tiers.restore.for"), v.duration("tiers.grace"), new RetentionPolicy(defaults, tenants), s3(v));
  }

  private static SignalType signal(String key, String label) {
    try {
      return SignalType.of(label);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key + ": " + e.getMessage());
    }
  }

  private static Retention retention(ConfigValues v, String prefix, Retention fallback) {
    Duration[] limits = new Duration[Tier.values().length];
    for (Tier t : Tier.values()) {
      String key = prefix + t.label();
      limits[t.ordinal()] = v.has(key) ? v.duration(key) : fallback.limit(t);
    }
    try {
      return new Retention(limits[0], limits[1], limits[2], limits[3]);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(prefix + "*: " + e.getMessage());
    }
  }

  private static Duration positive(ConfigValues v, String key) {
    Duration d = v.duration(key);
    if (d.isZero() || d.isNegative()) {
      throw new ConfigException(key + ": must be more than 0");
    }
    return d;
  }

  private static @Nullable S3Config s3(ConfigValues v) {
    String endpoint = v.optional("tiers.s3.endpoint");
    if (endpoint.isEmpty()) {
      return null;
    }
    String access = v.optional("tiers.s3.access.key");
    String secret = v.optional("tiers.s3.secret.key");
    if (access.isEmpty() || secret.isEmpty()) {
      throw new ConfigException("tiers.s3.endpoint is set, so tiers.s3.access.key and tiers.s3.secret.key are needed too");
    }
    try {
      return new S3Config(URI.create(endpoint), v.string("tiers.s3.bucket"), v.optional("tiers.s3.prefix"),
          v.string("tiers.s3.region"), access, secret, positive(v, "tiers.s3.timeout"));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("tiers.s3: " + e.getMessage());
    }
  }

  /** Off: everything stays in the hot store. */
  public static TierSettings off() {
    return new TierSettings(false, null, Duration.ofMinutes(5), 0, 0, 2L << 30, Duration.ofDays(7),
        Duration.ofMinutes(10), RetentionPolicy.DEFAULT, null);
  }

  @Override
  public String toString() {
    return "TierSettings[enabled=" + enabled + ", directory=" + directory + ", interval=" + interval
        + ", hotBudgetBytes=" + hotBudgetBytes + ", warmBudgetBytes=" + warmBudgetBytes + ", retention=" + retention
        + ", s3=" + (s3 == null ? "none" : s3.endpoint() + "/" + s3.bucket()) + "]";
  }
}
