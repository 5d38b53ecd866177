package dev.sightline.security.audit;

import static dev.sightline.security.audit.AuditTestFixtures.T0;
import static dev.sightline.security.audit.AuditTestFixtures.appendMany;
import static dev.sightline.security.audit.AuditTestFixtures.lines;
import static dev.sightline.security.audit.AuditTestFixtures.onlyFile;
import static dev.sightline.security.audit.AuditTestFixtures.writeLines;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Someone with write access to the files changes them; verification names the first line that shows it. */
class AuditTamperTest {
  @TempDir Path dir;
  private final AuditTestFixtures.SettableClock clock = new AuditTestFixtures.SettableClock(T0);
  private Path file;
  private List<String> lines;

  @BeforeEach
  void fiveEntries() throws IOException {
    try (AuditLog log = AuditLog.open(AuditLogConfig.of(dir), clock)) {
      appendMany(log, 1, 5);
    }
    file = onlyFile(dir);
    lines = new ArrayList<>(lines(file));
  }

  private Verification verifyAfter(List<String> changed) throws IOException {
    writeLines(file, changed);
    try (AuditLog log = AuditLog.open(AuditLogConfig.of(dir), clock)) {
      Verification v = log.verify();
      assertThat(AuditLog.verifyFiles(AuditLogConfig.of(dir))).as("the same offline").isEqualTo(v);
      return v;
    }
  }

  @Test
  void anEditedByteOfAnActor() throws IOException {
    // Line 3 holds event 3, whose actor is key-7f3a; one byte changes it.
    assertThat(lines.get(2)).contains("\"actor\":\"key-7f3a\"");
    lines.set(2, lines.get(2).replace("\"actor\":\"key-7f3a\"", "\"actor\":\"key-7f3b\""));
    Verification v = verifyAfter(lines);
    assertThat(v.ok()).isFalse();
    assertThat(v.entriesChecked()).isEqualTo(2);
    assertThat(v.problem()).isEqualTo(new Verification.Problem(file, 3, 3, "hash does not match its content"));
  }

  @Test
  void aDeletedLine() throws IOException {
    lines.remove(2);
    assertThat(verifyAfter(lines).problem()).isEqualTo(new Verification.Problem(file, 3, 4, "seq jumps from 2 to 4"));
  }

  @Test
  void theFirstLineDeleted() throws IOException {
    lines.remove(0);
    assertThat(verifyAfter(lines).problem()).isEqualTo(new Verification.Problem(file, 1, 2, "seq starts at 2, not 1"));
  }

  @Test
  void swappedLines() throws IOException {
    Collections.swap(lines, 2, 3);
    assertThat(verifyAfter(lines).problem()).isEqualTo(new Verification.Problem(file, 3, 4, "seq jumps from 2 to 4"));
  }

  @Test
  void aLineAppendedWithoutTheChain() throws IOException {
    // A well-formed entry 6, hashed correctly over its own content, from a different chain.
    Path other = dir.resolve("other");
    try (AuditLog log = AuditLog.open(AuditLogConfig.of(other), clock)) {
      appendMany(log, 100, 6);
    }
    lines.add(lines(onlyFile(other)).get(5));
    Verification v = verifyAfter(lines);
    assertThat(v.entriesChecked()).isEqualTo(5);
    assertThat(v.problem()).isEqualTo(new Verification.Problem(file, 6, 6, "prev does not match the previous entry's hash"));
  }

  @Test
  void aLineThatIsNotJson() throws IOException {
    lines.set(1, "rm -rf /");
    assertThat(verifyAfter(lines).problem()).isEqualTo(new Verification.Problem(file, 2, 2, "line is not JSON"));
  }

  @Test
  void aFieldAddedOutsideTheHash() throws IOException {
    lines.set(3, lines.get(3).replace("\"prev\"", "\"note\":\"harmless\",\"prev\""));
    assertThat(verifyAfter(lines).problem()).isEqualTo(new Verification.Problem(file, 4, 4,
        "line holds more than its hashed content or is not in canonical form"));
  }
}
