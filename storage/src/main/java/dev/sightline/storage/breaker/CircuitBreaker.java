package dev.sightline.storage.breaker;

import java.time.InstantSource;
import java.time.Duration;
import java.time.Instant;

/**
 * Keeps callers from waiting on a remote dependency that is down (Kafka, ClickHouse, Redis): after
 * {@code failureThreshold} failures in a row it opens and refuses at once for {@code openFor}; then
 * it lets one trial through (half-open), which closes it on success or opens it again on failure.
 */
public final class CircuitBreaker {

  /** The breaker's state; {@link #code()} is its self-metric value. */
  public enum State {
    CLOSED(0), OPEN(1), HALF_OPEN(2);

    private final int code;

    State(int code) {
      this.code = code;
    }

    public int code() {
      return code;
    }
  }

  /** When to open and for how long. */
  public record Settings(int failureThreshold, Duration openFor) {
    public static final Settings DEFAULT = new Settings(3, Duration.ofSeconds(5));

    public Settings {
      if (failureThreshold < 1) {
        throw new IllegalArgumentException("breaker failures must be at least 1, got " + failureThreshold);
      }
      if (openFor.isNegative() || openFor.isZero()) {
        throw new IllegalArgumentException("breaker open time must be positive, got " + openFor);
      }
    }
  }

  private final Settings settings;
  private final InstantSource clock;
  private State state = State.CLOSED;
  private int failures;
  private Instant openedAt = Instant.EPOCH;
  private boolean trialInFlight;
  private long opened;

  public CircuitBreaker(Settings settings, InstantSource clock) {
    this.settings = settings;
    this.clock = clock;
  }

  /** True when a call may go to the dependency now; a true answer in half-open state is the one trial. */
  public synchronized boolean tryAcquire() {
    if (state == State.OPEN && !clock.instant().isBefore(openedAt.plus(settings.openFor()))) {
      state = State.HALF_OPEN;
      trialInFlight = false;
    }
    return switch (state) {
      case CLOSED -> true;
      case OPEN -> false;
      case HALF_OPEN -> {
        if (trialInFlight) {
          yield false;
        }
        trialInFlight = true;
        yield true;
      }
    };
  }

  public synchronized void onSuccess() {
    state = State.CLOSED;
    failures = 0;
    trialInFlight = false;
  }

  /** The call ended without telling whether the dependency works (interrupted): a half-open breaker may try again. */
  public synchronized void onAbandoned() {
    trialInFlight = false;
  }

  public synchronized void onFailure() {
    failures++;
    if (state == State.HALF_OPEN || (state == State.CLOSED && failures >= settings.failureThreshold())) {
      state = State.OPEN;
      openedAt = clock.instant();
      trialInFlight = false;
      opened++;
    }
  }

  public synchronized State state() {
    return state;
  }

  /** How many times the breaker opened since start. */
  public synchronized long timesOpened() {
    return opened;
  }

  /** Seconds until the next trial, at least 1: what {@code Retry-After} should say. */
  public synchronized int retryAfterSeconds() {
    if (state != State.OPEN) {
      return 1;
    }
    long left = Duration.between(clock.instant(), openedAt.plus(settings.openFor())).toMillis();
    return (int) Math.max(1, (left + 999) / 1000);
  }
}
