package dev.sightline.storage.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T00:00:00Z"));
  private final CircuitBreaker breaker = new CircuitBreaker(new CircuitBreaker.Settings(2, Duration.ofSeconds(5)), now::get);

  @Test
  void opensAfterFailuresInARowAndRefusesUntilTheOpenTimeIsOver() {
    assertThat(breaker.tryAcquire()).isTrue();
    breaker.onFailure();
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    breaker.onFailure();
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(breaker.tryAcquire()).isFalse();
    assertThat(breaker.retryAfterSeconds()).isEqualTo(5);
    now.set(now.get().plusMillis(3_500));
    assertThat(breaker.retryAfterSeconds()).isEqualTo(2);
    assertThat(breaker.tryAcquire()).isFalse();
  }

  @Test
  void halfOpenLetsOneTrialThroughWhichClosesOrReopens() {
    breaker.onFailure();
    breaker.onFailure();
    now.set(now.get().plusSeconds(5));
    assertThat(breaker.tryAcquire()).isTrue();
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
    assertThat(breaker.tryAcquire()).as("only one trial at a time").isFalse();
    breaker.onFailure();
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(breaker.timesOpened()).isEqualTo(2);

    now.set(now.get().plusSeconds(5));
    assertThat(breaker.tryAcquire()).isTrue();
    breaker.onSuccess();
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(breaker.tryAcquire()).isTrue();
  }

  @Test
  void aSuccessResetsTheFailureCount() {
    breaker.onFailure();
    breaker.onSuccess();
    breaker.onFailure();
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
  }
}
