package dev.sightline.server;

import static dev.sightline.server.CacheTest.send;
import static dev.sightline.server.ProcessorsTest.hex;
import static dev.sightline.server.ProcessorsTest.resourceSpans;
import static dev.sightline.server.ProcessorsTest.span;
import static dev.sightline.server.ProcessorsTest.traceId;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.trace.v1.Span;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures, not a test: {@code GET /api/v1/traces/{id}} of a 50-span trace, over HTTP on
 * loopback, answered by storage (cache off), by L1, and by L2 (Redis; L1 of 0 bytes holds
 * nothing). Prints the median and 99th percentile of 2,000 reads after 200 to warm up. Run with
 * {@code -Dsightline.measure=true -Dtest=CacheLatencyMeasurement}; needs {@code redis-server}.
 */
@EnabledIfSystemProperty(named = "sightline.measure", matches = "true")
class CacheLatencyMeasurement {
  private static final int READS = 2_000;
  @TempDir Path dir;

  @Test
  void traceByIdFromStorageL1AndL2() throws Exception {
    try (RedisProcess redis = RedisProcess.startOrSkip();
        TestServer storage = new TestServer(dir.resolve("storage"), "--cache.enabled=false");
        TestServer l1 = new TestServer(dir.resolve("l1"));
        TestServer l2 = new TestServer(dir.resolve("l2"), "--cache.redis.url=" + redis.url(), "--cache.l1.max.bytes=0")) {
      byte[] trace = traceId(42);
      Span.Builder[] spans = new Span.Builder[50];
      for (int i = 0; i < spans.length; i++) {
        spans[i] = span(trace, i + 1, "step " + i);
      }
      for (TestServer server : new TestServer[] {storage, l1, l2}) {
        send(server, "default", resourceSpans("checkout", spans));
        server.awaitStored();
      }
      report("storage", storage, trace);
      report("L1", l1, trace);
      report("L2 (Redis)", l2, trace);
      assertThat(CacheTest.cacheCount(l2, "trace", "l2", "hit")).isGreaterThan(READS);
    }
  }

  private static void report(String what, TestServer server, byte[] trace) {
    String path = "/api/v1/traces/" + hex(trace);
    for (int i = 0; i < 200; i++) {
      assertThat(server.get(path).statusCode()).isEqualTo(200);
    }
    long[] micros = new long[READS];
    for (int i = 0; i < READS; i++) {
      long start = System.nanoTime();
      assertThat(server.get(path).statusCode()).isEqualTo(200);
      micros[i] = (System.nanoTime() - start) / 1_000;
    }
    Arrays.sort(micros);
    System.out.printf("figures: trace by id (50 spans) from %s: median %d us, p99 %d us%n", what,
        micros[READS / 2], micros[READS * 99 / 100]);
  }
}
