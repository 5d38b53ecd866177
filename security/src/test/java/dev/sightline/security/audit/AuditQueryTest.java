package dev.sightline.security.audit;

import static dev.sightline.security.audit.AuditTestFixtures.T0;
import static dev.sightline.security.audit.AuditTestFixtures.files;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditQueryTest {
  @TempDir Path dir;
  private final AuditTestFixtures.SettableClock clock = new AuditTestFixtures.SettableClock(T0);
  private AuditLog log;

  private static AuditEvent event(int minute, String actor, String tenant, String action, AuditOutcome outcome) {
    return AuditEvent.builder().time(T0.plusSeconds(60L * minute)).actor(actor).tenant(tenant).action(action)
        .target("t" + minute).source("192.0.2.1").outcome(outcome).build();
  }

  @BeforeEach
  void events() {
    // Small files, so that queries cross several of them.
    log = AuditLog.open(AuditLogConfig.of(dir).withMaxFileBytes(4096), clock);
    for (int m = 0; m < 30; m++) {
      String actor = m % 3 == 0 ? "alice" : m % 3 == 1 ? "key-1" : AuditEvent.ANONYMOUS;
      String action = m % 4 == 0 ? "key.create" : m % 4 == 1 ? "key.revoke" : m % 4 == 2 ? "login" : "rules.change";
      AuditOutcome outcome = m % 5 == 0 ? AuditOutcome.DENIED : AuditOutcome.ALLOWED;
      log.append(event(m, actor, m < 20 ? "acme" : "globex", action, outcome));
    }
  }

  @AfterEach
  void close() {
    log.close();
  }

  private List<String> targets(AuditQuery q) {
    return log.query(q).stream().map(e -> e.event().target()).toList();
  }

  @Test
  void newestFirstWithALimitAcrossFiles() throws IOException {
    assertThat(files(dir)).hasSizeGreaterThan(1);
    assertThat(targets(AuditQuery.builder().limit(3).build())).containsExactly("t29", "t28", "t27");
    assertThat(log.query(AuditQuery.builder().limit(1000).build())).hasSize(30)
        .extracting(AuditEntry::seq).isSortedAccordingTo((a, b) -> Long.compare(b, a));
  }

  @Test
  void filtersCombine() {
    assertThat(targets(AuditQuery.builder().between(T0.plusSeconds(60 * 5), T0.plusSeconds(60 * 8)).build()))
        .containsExactly("t7", "t6", "t5");
    assertThat(targets(AuditQuery.builder().actor("alice").to(T0.plusSeconds(60 * 10)).build()))
        .containsExactly("t9", "t6", "t3", "t0");
    assertThat(targets(AuditQuery.builder().actionPrefix("key.").from(T0.plusSeconds(60 * 20)).build()))
        .containsExactly("t29", "t28", "t25", "t24", "t21", "t20");
    assertThat(targets(AuditQuery.builder().tenant("globex").outcome(AuditOutcome.DENIED).build()))
        .containsExactly("t25", "t20");
    assertThat(targets(AuditQuery.builder().actor(AuditEvent.ANONYMOUS).actionPrefix("login").build()))
        .containsExactly("t26", "t14", "t2");
    assertThat(targets(AuditQuery.builder().actor("nobody").build())).isEmpty();
  }

  @Test
  void badQueriesNameTheField() {
    assertThatThrownBy(() -> AuditQuery.builder().limit(0).build()).hasMessage("limit must be between 1 and 10000, was 0");
    assertThatThrownBy(() -> AuditQuery.builder().between(T0, T0).build()).hasMessageStartingWith("from must be before to");
  }

  @Test
  void exportWritesTheStoredLinesOfATimeRange() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long n = log.export(T0.plusSeconds(60 * 10), T0.plusSeconds(60 * 25), out);
    assertThat(n).isEqualTo(15);
    List<String> stored = new ArrayList<>();
    for (Path f : files(dir)) {
      stored.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
    }
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(String.join("\n", stored.subList(10, 25)) + "\n");
  }
}
