package dev.sightline.alerting.notify;

import dev.sightline.storage.tests.ManualClock;

import static dev.sightline.alerting.notify.TestAlerts.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SilencesTest {
  @TempDir Path dir;
  private final ManualClock clock = new ManualClock(T0);

  private static SilenceRequest request(String matcher, Duration startIn, Duration endIn) {
    return new SilenceRequest(SilenceRequest.matchers(List.of(matcher)), T0.plus(startIn), T0.plus(endIn),
        "alice", "maintenance");
  }

  @Test
  void silencesGoFromPendingToActiveToExpiredAndSurviveARestart() {
    Silences silences = TestSilences.in(dir, clock);
    String id = silences.create(request("service=~\"check.*\"", Duration.ofMinutes(10), Duration.ofHours(1)));
    assertThat(silences.list()).singleElement().satisfies(e -> assertThat(e.state()).isEqualTo(SilenceState.PENDING));
    assertThat(silences.muting(Map.of("service", "checkout"))).isEmpty();

    clock.advance(Duration.ofMinutes(10));
    Silences reopened = TestSilences.in(dir, clock);
    assertThat(reopened.list()).singleElement().satisfies(e -> {
      assertThat(e.state()).isEqualTo(SilenceState.ACTIVE);
      assertThat(e.silence().id()).isEqualTo(id);
      assertThat(e.silence().matchers()).containsExactly(new Matcher("service", Matcher.Op.REGEX, "check.*"));
      assertThat(e.silence().createdBy()).isEqualTo("alice");
      assertThat(e.silence().comment()).isEqualTo("maintenance");
    });
    assertThat(reopened.muting(Map.of("service", "checkout"))).contains(id);
    assertThat(reopened.muting(Map.of("service", "cart"))).isEmpty();

    reopened.expire(id);
    assertThat(TestSilences.in(dir, clock).list()).singleElement().satisfies(e -> {
      assertThat(e.state()).isEqualTo(SilenceState.EXPIRED);
      assertThat(e.silence().endsAt()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
    });
    assertThatThrownBy(() -> reopened.expire(id)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already expired");
    assertThatThrownBy(() -> reopened.expire("nope")).isInstanceOf(NoSuchElementException.class)
        .hasMessage("id: no silence 'nope'");

    clock.advance(Duration.ofDays(5));
    assertThat(TestSilences.in(dir, clock).list()).isEmpty();
  }

  @Test
  void silencesOfAnOlderSilencesFileAreImported() throws Exception {
    java.nio.file.Files.writeString(dir.resolve(Silences.FILE), "[{\"id\":\"s1\",\"matchers\":[\"service=\\\"cart\\\"\"],"
        + "\"startsAt\":\"" + T0 + "\",\"endsAt\":\"" + T0.plus(Duration.ofHours(1)) + "\",\"createdBy\":\"bob\","
        + "\"comment\":\"deploy\",\"updatedAt\":\"" + T0 + "\"}]");
    Silences silences = TestSilences.in(dir, clock);
    assertThat(Silences.importFile(dir, TestSilences.store(dir).silences())).isEqualTo(1);
    assertThat(Silences.importFile(dir, TestSilences.store(dir).silences())).isEqualTo(1);
    assertThat(TestSilences.in(dir, clock).muting(Map.of("service", "cart"))).contains("s1");
    assertThat(silences.list()).as("a replica read before the import").isEmpty();
  }

  @Test
  void validationNamesTheField() {
    Silences s = TestSilences.in(dir, clock);
    Duration h = Duration.ofHours(1);
    assertThatThrownBy(() -> s.create(new SilenceRequest(List.of(), T0, T0.plus(h), "a", "c")))
        .hasMessage("matchers: at least one matcher is required");
    assertThatThrownBy(() -> s.create(request("env=~\".*\"", Duration.ZERO, h)))
        .hasMessageStartingWith("matchers: at least one matcher must not match an empty label value");
    assertThatThrownBy(() -> s.create(new SilenceRequest(SilenceRequest.matchers(List.of("a=\"b\"")), T0, null,
        "a", "c"))).hasMessage("endsAt: required");
    assertThatThrownBy(() -> s.create(request("a=\"b\"", h, Duration.ofMinutes(30))))
        .hasMessageStartingWith("endsAt: must be after startsAt");
    assertThatThrownBy(() -> s.create(request("a=\"b\"", Duration.ZERO, h.negated())))
        .hasMessageContaining("endsAt: ").hasMessageContaining("is in the past");
    assertThatThrownBy(() -> s.create(new SilenceRequest(SilenceRequest.matchers(List.of("a=\"b\"")), T0,
        T0.plus(h), " ", "c"))).hasMessage("createdBy: required");
    assertThatThrownBy(() -> s.create(new SilenceRequest(SilenceRequest.matchers(List.of("a=\"b\"")), T0,
        T0.plus(h), "a", null))).hasMessage("comment: required");
    assertThatThrownBy(() -> SilenceRequest.matchers(List.of("a=\"b\"", "oops")))
        .hasMessage("matchers[1]: 'oops' is not name op \"value\" (op one of =, !=, =~, !~)");
    assertThat(s.list()).isEmpty();
  }
}
