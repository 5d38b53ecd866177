package dev.sightline.ingestlog;

import static dev.sightline.ingestlog.TestLogs.appendAll;
import static dev.sightline.ingestlog.TestLogs.payload;
import static dev.sightline.ingestlog.TestLogs.range;
import static dev.sightline.ingestlog.TestLogs.readAll;
import static dev.sightline.ingestlog.TestLogs.segmentFiles;
import static dev.sightline.ingestlog.TestLogs.sequences;
import static dev.sightline.ingestlog.TestLogs.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sightline.security.atrest.AtRestException;
import dev.sightline.security.atrest.BlobCipher;
import dev.sightline.security.atrest.DataKeyStore;
import dev.sightline.security.atrest.LocalMasterKeys;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The segment log with entries encrypted at rest: nothing readable on disk, and nothing lost. */
class EncryptedSegmentLogTest {
  static final String CANARY = "plaintext-canary-7f3a";
  static final String MASTER = "m1:" + randomKey();
  @TempDir Path dir;

  static String randomKey() {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    return Base64.getEncoder().encodeToString(k);
  }

  DataKeyStore keys(String master) {
    return DataKeyStore.open(dir.resolve("data-keys.json"), LocalMasterKeys.fromText(master, "test"), Clock.systemUTC());
  }

  SegmentLog open(DataKeyStore keys, long segmentBytes) {
    return SegmentLog.open(new SegmentLogConfig(dir.resolve("log"), segmentBytes, 10_000, 1L << 30)
        .withCipher(new BlobCipher(keys, "ingest-log")));
  }

  static void appendCanaries(IngestLog log, int from, int to) throws Exception {
    for (int i = from; i <= to; i++) {
      log.append(LogEntry.Kind.LOGS, "tenant-" + CANARY, "10.0.0." + i, (CANARY + "-" + i).getBytes(StandardCharsets.UTF_8)).get();
    }
  }

  static boolean anyFileContains(Path dir, String text) throws Exception {
    byte[] needle = text.getBytes(StandardCharsets.UTF_8);
    try (var files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        if (bytes.contains(new String(needle, StandardCharsets.ISO_8859_1))) {
          return true;
        }
      }
    }
    return false;
  }

  @Test
  void entriesRoundTripWithTenantPeerAndPayloadUnreadableOnDisk() throws Exception {
    try (SegmentLog log = open(keys(MASTER), 1024)) {
      assertThat(log.encrypted()).isTrue();
      appendCanaries(log, 1, 50);
      List<LogEntry> all = readAll(log, 0);
      assertThat(sequences(all)).containsExactlyElementsOf(range(1, 50));
      assertThat(all.get(6).tenant()).isEqualTo("tenant-" + CANARY);
      assertThat(all.get(6).peer()).isEqualTo("10.0.0.7");
      assertThat(all.get(6).kind()).isEqualTo(LogEntry.Kind.LOGS);
      assertThat(text(all.get(6))).isEqualTo(CANARY + "-7");
    }
    assertThat(segmentFiles(dir.resolve("log"))).hasSizeGreaterThan(1);
    assertThat(anyFileContains(dir, CANARY)).isFalse();
    assertThat(anyFileContains(dir, "10.0.0.7")).isFalse();
    try (SegmentLog log = open(keys(MASTER), 1024)) {
      assertThat(text(readAll(log, 49).get(0))).as("after a restart").isEqualTo(CANARY + "-50");
    }
  }

  @Test
  void theControlWithoutEncryptionFindsTheCanary() throws Exception {
    try (SegmentLog log = SegmentLog.open(new SegmentLogConfig(dir.resolve("log"), 1024, 100, 1L << 30))) {
      appendCanaries(log, 1, 2);
    }
    assertThat(anyFileContains(dir, CANARY)).isTrue();
  }

  @Test
  void aTornEncryptedTailIsCutOffWithoutNeedingTheKey() throws Exception {
    try (SegmentLog log = open(keys(MASTER), 1 << 20)) {
      appendCanaries(log, 1, 10);
    }
    Path segment = segmentFiles(dir.resolve("log")).get(0);
    try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() - 3); // the tag of the last entry is cut, as in a crash mid-write
    }
    try (SegmentLog log = open(keys(MASTER), 1 << 20)) {
      assertThat(log.lastSequence()).isEqualTo(9);
      assertThat(log.append(LogEntry.Kind.TRACES, "t", payload(99)).get()).isEqualTo(10);
      List<LogEntry> all = readAll(log, 0);
      assertThat(sequences(all)).containsExactlyElementsOf(range(1, 10));
      assertThat(text(all.get(8))).isEqualTo(CANARY + "-9");
      assertThat(text(all.get(9))).isEqualTo("payload-99");
      assertThat(log.corruptEntries()).isZero();
    }
  }

  @Test
  void segmentsWrittenUnderAnOlderDataKeyStayReadable() throws Exception {
    DataKeyStore keys = keys(MASTER);
    try (SegmentLog log = open(keys, 1024)) {
      appendCanaries(log, 1, 30);
      keys.rotate();
      appendCanaries(log, 31, 60);
    }
    try (SegmentLog log = open(keys(MASTER), 1024)) {
      List<LogEntry> all = readAll(log, 0);
      assertThat(sequences(all)).containsExactlyElementsOf(range(1, 60));
      assertThat(text(all.get(0))).isEqualTo(CANARY + "-1");
      assertThat(text(all.get(59))).isEqualTo(CANARY + "-60");
    }
    Path last = segmentFiles(dir.resolve("log")).getLast();
    try (FileChannel ch = FileChannel.open(last, StandardOpenOption.READ)) {
      ByteBuffer version = ByteBuffer.allocate(4);
      ch.read(version, EntryCodec.HEADER + 8 + 1 + 1);
      assertThat(version.getInt(0)).as("data key version in the newest segment's first entry").isEqualTo(2);
    }
  }

  @Test
  void plainEntriesWrittenBeforeEncryptionWasTurnedOnStayReadable() throws Exception {
    try (SegmentLog log = SegmentLog.open(new SegmentLogConfig(dir.resolve("log"), 1 << 20, 100, 1L << 30))) {
      appendAll(log, 1, 5);
    }
    try (SegmentLog log = open(keys(MASTER), 1 << 20)) {
      appendCanaries(log, 6, 8);
      List<LogEntry> all = readAll(log, 0);
      assertThat(all).extracting(TestLogs::text).containsExactly("payload-1", "payload-2", "payload-3", "payload-4",
          "payload-5", CANARY + "-6", CANARY + "-7", CANARY + "-8");
    }
  }

  @Test
  void encryptedEntriesWithoutTheCipherOrUnderAnotherKeyAreAClearErrorNotSkipped() throws Exception {
    try (SegmentLog log = open(keys(MASTER), 1 << 20)) {
      appendCanaries(log, 1, 3);
    }
    try (SegmentLog log = SegmentLog.open(new SegmentLogConfig(dir.resolve("log"), 1 << 20, 100, 1L << 30))) {
      assertThat(log.lastSequence()).as("recovery needs no key").isEqualTo(3);
      assertThatThrownBy(() -> readAll(log, 0)).isInstanceOf(AtRestException.class)
          .hasMessageContaining("ingest-log entry 1 is encrypted; start with encryption.enabled=true");
    }
    Files.delete(dir.resolve("data-keys.json")); // replaced by a fresh data key: not the one that wrote the log
    try (SegmentLog log = open(keys(MASTER), 1 << 20)) {
      assertThat(log.lastSequence()).isEqualTo(3);
      assertThatThrownBy(() -> readAll(log, 0)).isInstanceOf(AtRestException.class)
          .hasMessageContaining("ingest-log entry 1 at offset 0").hasMessageContaining("fails authentication");
      assertThat(log.corruptEntries()).isZero();
    }
  }

  @Test
  void anEntryCopiedToAnotherPositionFailsAuthentication() throws Exception {
    try (SegmentLog log = open(keys(MASTER), 1 << 20)) {
      log.append(LogEntry.Kind.LOGS, "t", "first".getBytes(StandardCharsets.UTF_8)).get();
      log.append(LogEntry.Kind.LOGS, "t", "other".getBytes(StandardCharsets.UTF_8)).get();
    }
    Path segment = segmentFiles(dir.resolve("log")).get(0);
    byte[] bytes = Files.readAllBytes(segment);
    int entry = bytes.length / 2; // two entries of equal size
    // put entry 1's sealed bytes into entry 2, keeping entry 2's sequence, and fix the checksum
    System.arraycopy(bytes, EntryCodec.HEADER + 9, bytes, entry + EntryCodec.HEADER + 9, entry - EntryCodec.HEADER - 9);
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(bytes, entry + EntryCodec.HEADER, entry - EntryCodec.HEADER);
    ByteBuffer.wrap(bytes).putInt(entry + 4, (int) crc.getValue());
    Files.write(segment, bytes);
    try (SegmentLog log = open(keys(MASTER), 1 << 20); LogReader reader = log.openReader(0)) {
      assertThat(reader.poll(10, Long.MAX_VALUE, Duration.ofSeconds(1))).as("what was read before the failure")
          .extracting(TestLogs::text).containsExactly("first");
      for (int i = 0; i < 2; i++) {
        assertThatThrownBy(() -> reader.poll(10, Long.MAX_VALUE, Duration.ofSeconds(1))).as("never skipped")
            .hasMessageContaining("ingest-log entry 2").hasMessageContaining("fails authentication");
      }
    }
  }
}
