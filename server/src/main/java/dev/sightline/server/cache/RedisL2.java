package dev.sightline.server.cache;

import dev.sightline.storage.breaker.CircuitBreaker;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Redis as the shared L2: every command goes through the circuit breaker, and a failure (Redis
 * down, slow beyond the timeout) is counted and answered as a miss or a skipped write, so queries
 * fall back to storage and never fail because of Redis.
 */
final class RedisL2 implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RedisL2.class);

  private final RedisClient redis;
  private final CircuitBreaker breaker;
  private final URI url;

  RedisL2(URI url, Duration timeout, CircuitBreaker breaker) {
    this.url = url;
    this.breaker = breaker;
    String path = url.getPath() == null ? "" : url.getPath().replace("/", "");
    DefaultJedisClientConfig config = DefaultJedisClientConfig.builder().timeoutMillis((int) timeout.toMillis())
        .database(path.isEmpty() ? 0 : Integer.parseInt(path)).build();
    this.redis = RedisClient.builder().hostAndPort(url.getHost(), url.getPort() < 0 ? 6379 : url.getPort())
        .clientConfig(config).build();
  }

  Optional<byte[]> get(String key) {
    return call("GET", r -> Optional.ofNullable(r.get(bytes(key)))).flatMap(v -> v);
  }

  void put(String key, byte[] value, Duration ttl) {
    call("SET", r -> r.setex(bytes(key), Math.max(1, ttl.toSeconds()), value));
  }

  void delete(String... keys) {
    call("DEL", r -> r.del(keys));
  }

  /** Deletes every key starting with the prefix (SCAN, then DEL of each page). */
  void deletePrefix(String prefix) {
    call("SCAN", r -> {
      ScanParams params = new ScanParams().match(prefix + "*").count(500);
      String cursor = ScanParams.SCAN_POINTER_START;
      do {
        ScanResult<String> page = r.scan(cursor, params);
        if (!page.getResult().isEmpty()) {
          r.del(page.getResult().toArray(String[]::new));
        }
        cursor = page.getCursor();
      } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
      return true;
    });
  }

  CircuitBreaker.State state() {
    return breaker.state();
  }

  private <T> Optional<T> call(String command, Function<RedisClient, T> body) {
    if (!breaker.tryAcquire()) {
      return Optional.empty();
    }
    try {
      T result = body.apply(redis);
      breaker.onSuccess();
      return Optional.of(result);
    } catch (RuntimeException e) {
      long openedBefore = breaker.timesOpened();
      breaker.onFailure();
      if (breaker.timesOpened() > openedBefore) {
        log.warn("Redis {} failed ({}); the cache breaker opened: queries skip Redis for now", url, e.toString());
      } else {
        log.debug("Redis {} {} failed", url, command, e);
      }
      return Optional.empty();
    }
  }

  private static byte[] bytes(String key) {
    return key.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    redis.close();
  }
}
