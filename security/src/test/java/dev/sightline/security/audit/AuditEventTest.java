package dev.sightline.security.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditEventTest {
  private static AuditEvent.Builder valid() {
    return AuditEvent.builder().time(Instant.parse("2026-03-01T10:00:00Z")).actor(AuditEvent.ANONYMOUS)
        .tenant("acme").action("login").outcome(AuditOutcome.DENIED);
  }

  @Test
  void defaultsTargetSourceAndDetailsToEmptyAndSortsDetails() {
    AuditEvent e = valid().detail("z", "1").detail("a", "2").build();
    assertThat(e.target()).isEmpty();
    assertThat(e.source()).isEmpty();
    assertThat(e.details().keySet()).containsExactly("a", "z");
    assertThatThrownBy(() -> e.details().put("b", "3")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void errorsNameTheField() {
    assertThatThrownBy(() -> valid().actor(" ").build()).hasMessage("actor must not be blank");
    assertThatThrownBy(() -> AuditEvent.builder().time(Instant.EPOCH).actor("a").action("login")
        .outcome(AuditOutcome.ALLOWED).build()).hasMessage("tenant is required");
    assertThatThrownBy(() -> valid().time(null).build()).hasMessage("time is required");
    assertThatThrownBy(() -> valid().outcome(null).build()).hasMessageStartingWith("outcome is required");
    assertThatThrownBy(() -> valid().action("Key Create").build())
        .hasMessage("action must be dotted lower-case words such as key.create, was 'Key Create'");
    assertThatThrownBy(() -> valid().target("x".repeat(1025)).build())
        .hasMessage("target must be at most 1024 characters, was 1025");
    assertThatThrownBy(() -> valid().details(Map.of("", "v")).build()).hasMessage("details key must not be blank");
    assertThatThrownBy(() -> AuditOutcome.parse("ok")).hasMessage("outcome must be allowed, denied or failed, was 'ok'");
  }

  @Test
  void outcomesHaveLowerCaseLabels() {
    assertThat(AuditOutcome.parse("failed")).isEqualTo(AuditOutcome.FAILED);
    assertThat(AuditOutcome.ALLOWED.label()).isEqualTo("allowed");
  }
}
