package dev.sightline.security.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Events, a settable clock and file helpers shared by the audit tests. */
final class AuditTestFixtures {
  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private AuditTestFixtures() {}

  /** A clock the test moves; the log reads it to decide when a day is over. */
  static final class SettableClock extends Clock {
    private volatile Instant now;

    SettableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("the tests use UTC");
    }
  }

  static AuditEvent event(int i) {
    return AuditEvent.builder()
        .time(T0.plusSeconds(i))
        .actor(i % 2 == 0 ? "alice" : "key-7f3a")
        .tenant("acme")
        .action("key.create")
        .target("key-" + i)
        .source("10.0.0." + (i % 250))
        .outcome(AuditOutcome.ALLOWED)
        .detail("role", "admin")
        .build();
  }

  static List<AuditEntry> appendMany(AuditLog log, int from, int count) {
    List<AuditEntry> entries = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      entries.add(log.append(event(i)));
    }
    return entries;
  }

  static List<Path> files(Path dir) throws IOException {
    return AuditFile.list(dir).stream().map(AuditFile::path).toList();
  }

  static Path onlyFile(Path dir) throws IOException {
    List<Path> files = files(dir);
    if (files.size() != 1) {
      throw new AssertionError("expected one audit file in " + dir + ", found " + files);
    }
    return files.get(0);
  }

  static List<String> lines(Path file) throws IOException {
    return Files.readAllLines(file, StandardCharsets.UTF_8);
  }

  static void writeLines(Path file, List<String> lines) throws IOException {
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
  }
}
