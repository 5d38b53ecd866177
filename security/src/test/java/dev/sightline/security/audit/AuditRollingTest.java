package dev.sightline.security.audit;

import static dev.sightline.security.audit.AuditTestFixtures.T0;
import static dev.sightline.security.audit.AuditTestFixtures.appendMany;
import static dev.sightline.security.audit.AuditTestFixtures.files;
import static dev.sightline.security.audit.AuditTestFixtures.lines;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditRollingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;
  private final AuditTestFixtures.SettableClock clock = new AuditTestFixtures.SettableClock(T0);

  /** Files of 4 KiB hold about twelve entries. */
  private AuditLogConfig small() {
    return AuditLogConfig.of(dir).withMaxFileBytes(4096);
  }

  @Test
  void filesRollBySizeAndTheChainCrossesThem() throws IOException {
    try (AuditLog log = AuditLog.open(small(), clock)) {
      appendMany(log, 1, 40);
      assertThat(log.verify()).isEqualTo(Verification.passed(40));
    }
    List<Path> files = files(dir);
    assertThat(files).hasSizeGreaterThan(2);
    for (Path f : files) {
      assertThat(Files.size(f)).isLessThanOrEqualTo(4096);
    }
    List<String> first = lines(files.get(0));
    String firstOfSecond = lines(files.get(1)).get(0);
    long seq = JSON.readTree(firstOfSecond).get("seq").asLong();
    assertThat(seq).isEqualTo(first.size() + 1);
    assertThat(files.get(1).getFileName().toString()).isEqualTo(String.format("audit-2026-03-01-%020d.jsonl", seq));
    assertThat(JSON.readTree(firstOfSecond).get("prev").asText())
        .isEqualTo(JSON.readTree(first.get(first.size() - 1)).get("hash").asText());

    try (AuditLog log = AuditLog.open(small(), clock)) {
      assertThat(log.append(AuditTestFixtures.event(41)).seq()).isEqualTo(41);
      assertThat(log.verify()).isEqualTo(Verification.passed(41));
    }
  }

  @Test
  void filesRollAtMidnightUtc() throws IOException {
    try (AuditLog log = AuditLog.open(AuditLogConfig.of(dir), clock)) {
      appendMany(log, 1, 2);
      clock.advance(Duration.ofHours(14));
      appendMany(log, 3, 1);
      assertThat(log.verify()).isEqualTo(Verification.passed(3));
    }
    assertThat(files(dir)).extracting(p -> p.getFileName().toString()).containsExactly(
        "audit-2026-03-01-00000000000000000001.jsonl", "audit-2026-03-02-00000000000000000003.jsonl");
  }

  @Test
  void aDeletedFileIsASeqJump() throws IOException {
    try (AuditLog log = AuditLog.open(small(), clock)) {
      appendMany(log, 1, 40);
    }
    List<Path> files = files(dir);
    Files.delete(files.get(1));
    long firstMissing = lines(files.get(0)).size() + 1;
    long firstAfter = JSON.readTree(lines(files.get(2)).get(0)).get("seq").asLong();
    Verification v = AuditLog.verifyFiles(small());
    assertThat(v.problem()).isEqualTo(new Verification.Problem(files.get(2), 1, firstAfter,
        "seq jumps from " + (firstMissing - 1) + " to " + firstAfter));
  }
}
