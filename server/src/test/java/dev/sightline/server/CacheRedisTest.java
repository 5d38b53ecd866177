package dev.sightline.server;

import static dev.sightline.server.CacheTest.cacheCount;
import static dev.sightline.server.CacheTest.metric;
import static dev.sightline.server.CacheTest.send;
import static dev.sightline.server.CacheTest.spanNames;
import static dev.sightline.server.ProcessorsTest.resourceSpans;
import static dev.sightline.server.ProcessorsTest.span;
import static dev.sightline.server.ProcessorsTest.traceId;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two servers with their own stores share a real Redis as L2: the second reads a trace only the
 * first one stored, from Redis. With Redis killed, queries answer from storage and the breaker
 * shows open; with Redis back, it closes again.
 */
class CacheRedisTest {
  private static final String BREAKER = "sightline_cache_redis_breaker_state";
  @TempDir Path dir;

  @Test
  void serversShareTracesThroughRedisAndQueryStorageWhileItIsDown() throws Exception {
    try (RedisProcess redis = RedisProcess.startOrSkip();
        TestServer first = new TestServer(dir.resolve("first"), flags(redis));
        TestServer second = new TestServer(dir.resolve("second"), flags(redis))) {
      byte[] shared = traceId(10);
      send(first, "default", resourceSpans("checkout", span(shared, 1, "POST /pay")));
      first.awaitStored();
      assertThat(spanNames(first, "default", shared)).containsExactly("POST /pay");
      assertThat(cacheCount(first, "trace", "l2", "miss")).isEqualTo(1);

      assertThat(spanNames(second, "default", shared)).as("read from Redis: the second store never had it")
          .containsExactly("POST /pay");
      assertThat(cacheCount(second, "trace", "l2", "hit")).isEqualTo(1);
      assertThat(metric(second, BREAKER)).isZero();
      long from = System.currentTimeMillis() / 1000 - 3600;
      String search = "/api/v1/traces?service=checkout&start=" + from + "&end=" + (from + 7200);
      assertThat(first.getJson(search).get("traces")).hasSize(1);
      assertThat(second.getJson(search).get("traces")).as("the first server's page, from Redis").hasSize(1);
      assertThat(cacheCount(second, "search", "l2", "hit")).as("a search page decodes from Redis").isEqualTo(1);

      redis.kill();
      byte[] own = traceId(11);
      send(second, "default", resourceSpans("inventory", span(own, 1, "GET /stock")));
      second.awaitStored();
      assertThat(spanNames(second, "default", own)).as("answered from storage with Redis down")
          .containsExactly("GET /stock");
      assertThat(metric(second, BREAKER)).as("open").isEqualTo(1);
      assertThat(second.get("/ready").statusCode()).as("Redis is optional: ready without it").isEqualTo(200);

      redis.restart();
      int[] limit = {1};
      TestServer.await("the breaker to close once Redis is back", () -> {
        // each search has a new key, so it misses L1 and tries Redis: the half-open trial
        second.getJson("/api/v1/traces?service=inventory&limit=" + limit[0]++);
        return metric(second, BREAKER) == 0;
      });
      assertThat(spanNames(second, "default", own)).containsExactly("GET /stock");
    }
  }

  private static String[] flags(RedisProcess redis) {
    return new String[] {"--cache.redis.url=" + redis.url(), "--cache.redis.breaker.failures=1",
        "--cache.redis.breaker.cooldown=3s"};
  }
}
