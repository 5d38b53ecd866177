package dev.sightline.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CacheSettingsTest {

  private static CacheSettings load(String... flags) {
    return ConfigLoader.load(List.of(flags), Map.of()).cache();
  }

  @Test
  void inProcessOnlyByDefault() {
    CacheSettings s = load();
    assertThat(s.enabled()).isTrue();
    assertThat(s.l1MaxBytes()).isEqualTo(64L << 20);
    assertThat(s.traceTtl()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.redisUrl()).isNull();
  }

  @Test
  void redisTakesAUrl() {
    CacheSettings s = load("--cache.redis.url=redis://cache-1:6380/2", "--cache.redis.timeout=50ms");
    assertThat(s.redisUrl()).isEqualTo(URI.create("redis://cache-1:6380/2"));
    assertThat(s.redisTimeout()).isEqualTo(Duration.ofMillis(50));
  }

  @Test
  void badSettingsNameTheKey() {
    assertThatThrownBy(() -> load("--cache.redis.url=http://cache-1:6379")).isInstanceOf(ConfigException.class)
        .hasMessage("cache.redis.url: 'http://cache-1:6379' is not redis://host:port[/db]");
    assertThatThrownBy(() -> load("--cache.redis.url=redis://cache-1:6379/cache")).isInstanceOf(ConfigException.class)
        .hasMessage("cache.redis.url: 'redis://cache-1:6379/cache' is not redis://host:port[/db]");
    assertThatThrownBy(() -> load("--cache.search.ttl=0s")).isInstanceOf(ConfigException.class)
        .hasMessage("cache.search.ttl: must be more than 0");
  }
}
