package dev.sightline.server.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Guards calls to a dependency that may be down: after {@code failures} failures in a row it opens
 * and refuses calls for {@code cooldown}; then it lets one trial call through (half-open), which
 * closes it on success and opens it again on failure.
 */
final class CircuitBreaker {

  /** The states, with the value the state gauge shows. */
  enum State {
    CLOSED(0), OPEN(1), HALF_OPEN(2);

    final int gaugeValue;

    State(int gaugeValue) {
      this.gaugeValue = gaugeValue;
    }
  }

  private final int failures;
  private final Duration cooldown;
  private final Clock clock;
  private State state = State.CLOSED;
  private int failuresInARow;
  private Instant openedAt = Instant.EPOCH;
  private boolean trialRunning;

  CircuitBreaker(int failures, Duration cooldown, Clock clock) {
    if (failures < 1) {
      throw new IllegalArgumentException("failures must be at least 1, was " + failures);
    }
    this.failures = failures;
    this.cooldown = cooldown;
    this.clock = clock;
  }

  /** Whether a call may go ahead now; a true answer in half-open state is the one trial call. */
  synchronized boolean allow() {
    if (state == State.OPEN && !clock.instant().isBefore(openedAt.plus(cooldown))) {
      state = State.HALF_OPEN;
      trialRunning = false;
    }
    return switch (state) {
      case CLOSED -> true;
      case OPEN -> false;
      case HALF_OPEN -> {
        if (trialRunning) {
          yield false;
        }
        trialRunning = true;
        yield true;
      }
    };
  }

  synchronized void succeeded() {
    state = State.CLOSED;
    failuresInARow = 0;
    trialRunning = false;
  }

  synchronized void failed() {
    failuresInARow++;
    if (state == State.HALF_OPEN || failuresInARow >= failures) {
      state = State.OPEN;
      openedAt = clock.instant();
      trialRunning = false;
    }
  }

  synchronized State state() {
    if (state == State.OPEN && !clock.instant().isBefore(openedAt.plus(cooldown))) {
      return State.HALF_OPEN;
    }
    return state;
  }
}
