package dev.sightline.ingestlog;

import dev.sightline.security.atrest.BlobCipher;
import dev.sightline.security.atrest.DataKeyStore;
import dev.sightline.security.atrest.LocalMasterKeys;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures what encryption costs the ingest log, not a test: appends of 64 KiB payloads (an OTLP
 * request of a few hundred spans) from 8 threads, group-committed and fsync'd, then one reader
 * reading everything back; plain and encrypted alternately, three rounds each. Prints MB/s.
 * Run with {@code -Dsightline.measure=true -Dtest=EncryptionCostMeasurement}.
 */
@EnabledIfSystemProperty(named = "sightline.measure", matches = "true")
class EncryptionCostMeasurement {
  private static final int PAYLOAD = 64 << 10;
  private static final int ENTRIES = 8_000;
  @TempDir Path dir;

  @Test
  void appendAndReadThroughputPlainAndEncrypted() throws Exception {
    byte[] payload = new byte[PAYLOAD];
    new Random(7).nextBytes(payload);
    DataKeyStore keys = DataKeyStore.open(dir.resolve("data-keys.json"),
        LocalMasterKeys.fromText("m:" + EncryptedSegmentLogTest.randomKey(), "measurement"), Clock.systemUTC());
    for (int round = 0; round < 3; round++) {
      for (boolean encrypted : new boolean[] {false, true}) {
        SegmentLogConfig config = new SegmentLogConfig(dir.resolve("log-" + round + "-" + encrypted), 64L << 20, 10_000, 1L << 40);
        try (SegmentLog log = SegmentLog.open(encrypted ? config.withCipher(new BlobCipher(keys, "ingest-log")) : config)) {
          long t0 = System.nanoTime();
          List<Thread> writers = new ArrayList<>();
          for (int w = 0; w < 8; w++) {
            writers.add(Thread.ofPlatform().start(() -> {
              List<CompletableFuture<Long>> pending = new ArrayList<>();
              for (int i = 0; i < ENTRIES / 8; i++) {
                pending.add(log.append(LogEntry.Kind.TRACES, "default", payload));
                if (pending.size() == 64) {
                  pending.forEach(CompletableFuture::join);
                  pending.clear();
                }
              }
              pending.forEach(CompletableFuture::join);
            }));
          }
          for (Thread t : writers) {
            t.join();
          }
          long t1 = System.nanoTime();
          long read = 0;
          try (LogReader reader = log.openReader(0)) {
            while (read < ENTRIES) {
              read += reader.poll(1000, 64L << 20, java.time.Duration.ofSeconds(1)).size();
            }
          }
          long t2 = System.nanoTime();
          double mb = (double) ENTRIES * PAYLOAD / (1 << 20);
          System.out.printf("MEASURE round %d %-9s append %6.1f MB/s (%d fsyncs), read %6.1f MB/s%n", round,
              encrypted ? "encrypted" : "plain", mb / ((t1 - t0) / 1e9), log.fsyncs(), mb / ((t2 - t1) / 1e9));
        }
      }
    }
  }
}
