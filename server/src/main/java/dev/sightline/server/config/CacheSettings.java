package dev.sightline.server.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The query cache: an in-process L1 bounded in bytes, and Redis as a shared L2 when
 * {@code redisUrl} is set, behind a circuit breaker.
 */
public record CacheSettings(boolean enabled, long l1MaxBytes, Duration traceTtl, Duration searchTtl,
    @Nullable URI redisUrl, Duration redisTimeout, Duration redisTtl, int breakerFailures, Duration breakerCooldown) {

  static CacheSettings read(ConfigValues v) {
    return new CacheSettings(v.bool("cache.enabled"), v.bytes("cache.l1.max.bytes", 0, 1L << 40),
        ServerConfig.positive(v, "cache.trace.ttl"), ServerConfig.positive(v, "cache.search.ttl"), redisUrl(v),
        ServerConfig.positive(v, "cache.redis.timeout"), ServerConfig.positive(v, "cache.redis.ttl"),
        v.integer("cache.redis.breaker.failures", 1, 1_000_000), ServerConfig.positive(v, "cache.redis.breaker.cooldown"));
  }

  private static @Nullable URI redisUrl(ConfigValues v) {
    String raw = v.optional("cache.redis.url");
    if (raw.isEmpty()) {
      return null;
    }
    try {
      URI url = new URI(raw);
      if (!"redis".equals(url.getScheme()) || url.getHost() == null
          || !(url.getPath() == null || url.getPath().matches("/?[0-9]{0,2}"))) {
        throw new ConfigException("cache.redis.url: '" + raw + "' is not redis://host:port[/db]");
      }
      return url;
    } catch (URISyntaxException e) {
      throw new ConfigException("cache.redis.url: '" + raw + "' is not a URL: " + e.getReason());
    }
  }
}
