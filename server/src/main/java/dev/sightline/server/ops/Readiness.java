package dev.sightline.server.ops;

import static java.util.Objects.requireNonNull;

import dev.sightline.storage.breaker.CircuitBreaker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What {@code /ready} answers: the node has started and is not stopping, and every dependency its
 * role needs is usable (Kafka, ClickHouse, the metadata store). Optional dependencies (Redis, whose
 * absence only costs speed) are reported but never make the node unready.
 */
public final class Readiness {

  /** A dependency's state now: whether the node can use it, and a word on why. */
  public record State(boolean usable, String detail) {
    public State {
      requireNonNull(detail, "detail");
    }

    /** Usable unless the circuit breaker in front of it is open. */
    public static State of(String breaker, CircuitBreaker.State state) {
      return new State(state != CircuitBreaker.State.OPEN, breaker + " breaker " + word(state));
    }

    public static String word(CircuitBreaker.State state) {
      return state.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  private record Dependency(String name, boolean required, Supplier<State> state) {}

  private final BooleanSupplier started;
  private final List<Dependency> dependencies = new ArrayList<>();

  public Readiness(BooleanSupplier started) {
    this.started = started;
  }

  /** A dependency the node is not ready without. */
  public Readiness require(String name, Supplier<State> state) {
    dependencies.add(new Dependency(name, true, state));
    return this;
  }

  /** A dependency that is reported, whose loss the node works around. */
  public Readiness report(String name, Supplier<State> state) {
    dependencies.add(new Dependency(name, false, state));
    return this;
  }

  /** Whether the node is ready, and each dependency's state, by name. */
  public Answer check() {
    boolean ready = started.getAsBoolean();
    Map<String, Map<String, Object>> checks = new LinkedHashMap<>();
    for (Dependency d : dependencies) {
      State s;
      try {
        s = d.state().get();
      } catch (RuntimeException e) {
        s = new State(false, "cannot tell: " + e.getMessage());
      }
      ready &= s.usable() || !d.required();
      checks.put(d.name(), Map.of("usable", s.usable(), "required", d.required(), "detail", s.detail()));
    }
    return new Answer(ready, started.getAsBoolean(), checks);
  }

  /** The answer of {@code /ready}. */
  public record Answer(boolean ready, boolean started, Map<String, Map<String, Object>> checks) {}
}
