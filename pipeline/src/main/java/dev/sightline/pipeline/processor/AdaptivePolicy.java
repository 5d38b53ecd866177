package dev.sightline.pipeline.processor;

import dev.sightline.otlp.SamplingThreshold;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adaptive sampling as a tail-sampling policy ({@code type: adaptive}): aims at
 * {@code traces_per_second} stored traces for each root service and operation. Over a sliding
 * window it measures how many traces each root operation has (a trace sampled upstream counts for
 * the traces it stands for) and keeps each with probability
 * {@code min(1, target / rate)}, by consistent trace-id randomness, so rare operations are always
 * kept and hot ones thinned, and each kept span's tracestate says its probability.
 */
final class AdaptivePolicy implements TailPolicy {
  /** The current rate of one root operation, for the API. */
  public record Rate(String service, String operation, double tracesPerSecond, double probability) {}

  private record Key(String service, String operation) {}

  private static final long WEIGHT_UNIT = 1000;
  private final double target;
  private final int windowSeconds;
  private final Clock clock;
  private final int maxKeys;
  private final Map<Key, long[]> windows = new LinkedHashMap<>(); // per key: weighted counts per second, ring

  AdaptivePolicy(double target, Duration window, int maxKeys, Clock clock) {
    this.target = target;
    this.windowSeconds = (int) Math.max(1, window.toSeconds());
    this.maxKeys = maxKeys;
    this.clock = clock;
  }

  static AdaptivePolicy parse(Settings s, Clock clock) {
    s.allowOnly("type", "name", "action", "traces_per_second", "window", "max_operations");
    if (!s.has("traces_per_second")) {
      throw s.fail("traces_per_second", "required: the stored traces a second to aim at per root operation");
    }
    return new AdaptivePolicy(s.number("traces_per_second", 1, 1e-6, 1e9), s.duration("window", Duration.ofMinutes(1)),
        (int) s.number("max_operations", 10_000, 1, 1e7), clock);
  }

  @Override
  public synchronized boolean matches(BufferedTrace t) {
    Key key = key(t);
    long[] ring = windows.computeIfAbsent(key, k -> new long[windowSeconds + 1]);
    if (windows.size() > maxKeys) {
      windows.remove(windows.keySet().iterator().next());
    }
    long second = clock.millis() / 1000;
    slide(ring, second);
    Span first = t.firstSpan();
    ring[(int) (second % windowSeconds)] += weight(first);
    return SamplingThreshold.randomness(first.getTraceId(), first.getTraceState()) >= threshold(ring);
  }

  @Override
  public synchronized long samplingThreshold(BufferedTrace t) {
    long[] ring = windows.get(key(t));
    return ring == null ? 0 : threshold(ring);
  }

  private long threshold(long[] ring) {
    double p = probability(ring);
    return p >= 1 ? 0 : SamplingThreshold.ofProbability(p);
  }

  private double probability(long[] ring) {
    double rate = rate(ring);
    return rate <= target ? 1 : target / rate;
  }

  private double rate(long[] ring) {
    long total = 0;
    for (int i = 0; i < windowSeconds; i++) {
      total += ring[i];
    }
    return (double) total / WEIGHT_UNIT / windowSeconds;
  }

  /**
   * How many traces this one stands for, in thousandths: a trace sampled upstream with a threshold
   * in its tracestate (by an SDK's consistent sampler, or a head sampler earlier in the pipeline)
   * stands for 1/p traces, so the rate measured is that of the operation, not of what reached this
   * policy, and probabilities served to remote samplers do not feed back into the measurement.
   */
  private static long weight(Span first) {
    double count = SamplingThreshold.threshold(first.getTraceState()).stream()
        .mapToDouble(SamplingThreshold::adjustedCount).findFirst().orElse(1);
    return Math.round(count * WEIGHT_UNIT);
  }

  /** Clears the seconds that passed since the ring was last used; the last slot keeps that second. */
  private void slide(long[] ring, long second) {
    long last = ring[windowSeconds];
    if (last == 0) {
      ring[windowSeconds] = second;
      return;
    }
    for (long s = last + 1; s <= second && s <= last + windowSeconds; s++) {
      ring[(int) (s % windowSeconds)] = 0;
    }
    ring[windowSeconds] = Math.max(last, second);
  }

  synchronized List<Rate> rates() {
    long second = clock.millis() / 1000;
    List<Rate> out = new ArrayList<>();
    windows.forEach((k, ring) -> {
      slide(ring, second);
      out.add(new Rate(k.service(), k.operation(), rate(ring), probability(ring)));
    });
    return out;
  }

  private static Key key(BufferedTrace t) {
    for (ResourceSpans rs : t.pieces) {
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        for (Span s : ss.getSpansList()) {
          if (s.getParentSpanId().isEmpty()) {
            return new Key(OtlpEditor.serviceName(rs.getResource().getAttributesList()), s.getName());
          }
        }
      }
    }
    return new Key(t.rootService(), t.firstSpan().getName());
  }
}
