package dev.sightline.security.audit;

import static dev.sightline.security.audit.AuditTestFixtures.T0;
import static dev.sightline.security.audit.AuditTestFixtures.appendMany;
import static dev.sightline.security.audit.AuditTestFixtures.event;
import static dev.sightline.security.audit.AuditTestFixtures.lines;
import static dev.sightline.security.audit.AuditTestFixtures.onlyFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
  @TempDir Path dir;
  private final AuditTestFixtures.SettableClock clock = new AuditTestFixtures.SettableClock(T0);

  private AuditLog open() {
    return AuditLog.open(AuditLogConfig.of(dir), clock);
  }

  @Test
  void appendsChainedLinesThatVerify() throws IOException {
    List<AuditEntry> entries;
    try (AuditLog log = open()) {
      entries = appendMany(log, 1, 5);
      assertThat(log.verify()).isEqualTo(Verification.passed(5));
      assertThat(log.lastSeq()).isEqualTo(5);
      assertThat(log.lastHash()).isEqualTo(entries.get(4).hash());
    }
    assertThat(entries).extracting(AuditEntry::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(entries.get(0).prev()).isEqualTo(AuditEntry.GENESIS);
    assertThat(entries.get(1).prev()).isEqualTo(entries.get(0).hash());

    Path file = onlyFile(dir);
    assertThat(file.getFileName().toString()).isEqualTo("audit-2026-03-01-00000000000000000001.jsonl");
    JsonNode first = new ObjectMapper().readTree(lines(file).get(0));
    assertThat(first.fieldNames()).toIterable().containsExactly("seq", "event", "prev", "hash");
    assertThat(first.get("event").get("actor").asText()).isEqualTo("key-7f3a");
    assertThat(first.get("event").get("outcome").asText()).isEqualTo("allowed");
    assertThat(first.get("hash").asText()).isEqualTo(entries.get(0).hash()).hasSize(64);
  }

  @Test
  void reopeningContinuesTheChain() {
    String lastHash;
    try (AuditLog log = open()) {
      lastHash = appendMany(log, 1, 3).get(2).hash();
    }
    try (AuditLog log = open()) {
      AuditEntry next = log.append(event(4));
      assertThat(next.seq()).isEqualTo(4);
      assertThat(next.prev()).isEqualTo(lastHash);
      assertThat(log.verify()).isEqualTo(Verification.passed(4));
    }
  }

  @Test
  void aTornLastLineIsCutOffOnOpenAndTheChainContinues() throws IOException {
    try (AuditLog log = open()) {
      appendMany(log, 1, 3);
    }
    Path file = onlyFile(dir);
    long intact = Files.size(file);
    // A crash in the middle of the fourth write: half a line, no newline.
    String fourth = new String(AuditLineCodec.line(new AuditEntry(4, event(4), "ab".repeat(32), "cd".repeat(32))),
        StandardCharsets.UTF_8);
    Files.writeString(file, fourth.substring(0, fourth.length() / 2), StandardOpenOption.APPEND);
    assertThat(AuditLog.verifyFiles(AuditLogConfig.of(dir)).problem())
        .as("without recovery the torn line shows").extracting(Verification.Problem::line, Verification.Problem::reason)
        .containsExactly(4L, "line is not JSON");

    try (AuditLog log = open()) {
      assertThat(Files.size(file)).isEqualTo(intact);
      assertThat(log.append(event(4)).seq()).isEqualTo(4);
      assertThat(log.verify()).isEqualTo(Verification.passed(4));
    }
    assertThat(lines(file)).hasSize(4);
  }

  @Test
  void aDamagedCompleteLastLineIsKeptAndStopsTheOpen() throws IOException {
    try (AuditLog log = open()) {
      appendMany(log, 1, 2);
    }
    Path file = onlyFile(dir);
    Files.writeString(file, "{\"seq\":3,\"event\":\n", StandardOpenOption.APPEND);
    assertThatThrownBy(this::open).isInstanceOf(AuditLogException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("the last line cannot continue the chain: line is not JSON");
    assertThat(lines(file)).hasSize(3);
  }

  @Test
  void oneLogPerDirectory() {
    try (AuditLog log = open()) {
      log.append(event(1));
      assertThatThrownBy(this::open).isInstanceOf(AuditLogException.class)
          .hasMessage("audit.directory " + dir + " is already open in another audit log or process");
    }
    try (AuditLog again = open()) {
      assertThat(again.lastSeq()).as("the lock went with the close").isEqualTo(1);
    }
  }

  @Test
  void appendAfterCloseThrows() {
    AuditLog log = open();
    log.close();
    assertThatThrownBy(() -> log.append(event(1))).isInstanceOf(AuditLogException.class)
        .hasMessageContaining("is closed");
  }

  @Test
  void aFailedWriteThrowsAndLeavesNoGap() throws IOException {
    try (AuditLog log = open()) {
      log.append(event(1));
      clock.advance(Duration.ofDays(1));
      // The next day's file cannot be created where a directory of that name stands (even for root).
      Path blocker = Files.createDirectory(dir.resolve("audit-2026-03-02-00000000000000000002.jsonl"));
      assertThatThrownBy(() -> log.append(event(2))).isInstanceOf(AuditLogException.class)
          .hasMessageContaining("cannot start the file " + blocker);
      Files.delete(blocker);
      assertThat(log.append(event(3)).seq()).as("the failed event took no seq").isEqualTo(2);
      assertThat(log.verify()).isEqualTo(Verification.passed(2));
    }
  }

  @Test
  void concurrentAppendsMakeOneValidChain() throws Exception {
    int threads = 6;
    int each = 40;
    try (AuditLog log = open()) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<List<AuditEntry>>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int from = t * each;
          results.add(pool.submit(() -> appendMany(log, from, each)));
        }
        List<Long> seqs = new ArrayList<>();
        for (Future<List<AuditEntry>> r : results) {
          r.get().forEach(e -> seqs.add(e.seq()));
        }
        assertThat(seqs).doesNotHaveDuplicates().hasSize(threads * each);
        assertThat(seqs).allSatisfy(s -> assertThat(s).isBetween(1L, (long) threads * each));
      } finally {
        pool.shutdown();
      }
      assertThat(log.verify()).isEqualTo(Verification.passed(threads * each));
    }
  }
}
