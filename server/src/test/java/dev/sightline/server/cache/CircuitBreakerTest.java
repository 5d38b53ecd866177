package dev.sightline.server.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sightline.server.cache.CircuitBreaker.State;
import dev.sightline.storage.tests.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(10), clock);

  @Test
  void opensAfterFailuresInARowAndRefusesUntilTheCooldownEnds() {
    breaker.failed();
    breaker.failed();
    breaker.succeeded();
    breaker.failed();
    breaker.failed();
    assertThat(breaker.state()).as("a success in between resets the count").isEqualTo(State.CLOSED);
    breaker.failed();
    assertThat(breaker.state()).isEqualTo(State.OPEN);
    assertThat(breaker.allow()).isFalse();
    clock.advance(Duration.ofSeconds(9));
    assertThat(breaker.allow()).isFalse();
  }

  @Test
  void halfOpenLetsOneTrialThroughWhichClosesOrReopensIt() {
    for (int i = 0; i < 3; i++) breaker.failed();
    clock.advance(Duration.ofSeconds(10));
    assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
    assertThat(breaker.allow()).isTrue();
    assertThat(breaker.allow()).as("one trial at a time").isFalse();
    breaker.failed();
    assertThat(breaker.state()).as("a failed trial opens it again").isEqualTo(State.OPEN);

    clock.advance(Duration.ofSeconds(10));
    assertThat(breaker.allow()).isTrue();
    breaker.succeeded();
    assertThat(breaker.state()).isEqualTo(State.CLOSED);
    assertThat(breaker.allow()).isTrue();
  }
}
