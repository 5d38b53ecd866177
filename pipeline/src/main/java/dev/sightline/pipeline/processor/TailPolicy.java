package dev.sightline.pipeline.processor;

import dev.sightline.otlp.SamplingThreshold;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** A condition of a tail-sampling policy, evaluated on a whole buffered trace. */
sealed interface TailPolicy permits TailPolicy.Errors, TailPolicy.Latency, TailPolicy.Attribute,
    TailPolicy.Probabilistic, TailPolicy.RateLimiting, TailPolicy.And, TailPolicy.Or, AdaptivePolicy {

  boolean matches(BufferedTrace trace);

  /** The sampling threshold a keep of this trace by this policy means: 0 keeps all such traces. */
  default long samplingThreshold(BufferedTrace trace) {
    return 0;
  }

  /** Any span has status ERROR. */
  record Errors() implements TailPolicy {
    @Override
    public boolean matches(BufferedTrace t) {
      return t.anySpan((rs, s) -> s.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR);
    }
  }

  /** The trace lasts at least {@code threshold} from its first start to its last end. */
  record Latency(Duration atLeast) implements TailPolicy {
    @Override
    public boolean matches(BufferedTrace t) {
      return t.durationNanos() >= atLeast.toNanos();
    }
  }

  /** A span or resource attribute {@code key} has one of {@code values}, or matches {@code pattern}. */
  record Attribute(String key, Set<String> values, @Nullable Pattern pattern) implements TailPolicy {
    @Override
    public boolean matches(BufferedTrace t) {
      return t.anySpan((rs, s) -> has(s.getAttributesList()) || has(rs.getResource().getAttributesList()));
    }

    private boolean has(List<KeyValue> attributes) {
      for (KeyValue kv : attributes) {
        if (kv.getKey().equals(key)) {
          String v = AttributeAction.text(kv.getValue());
          return values.contains(v) || (pattern != null && pattern.matcher(v).find());
        }
      }
      return false;
    }
  }

  /** Consistent probability sampling by trace id, as the head sampler does. */
  record Probabilistic(long threshold) implements TailPolicy {
    @Override
    public boolean matches(BufferedTrace t) {
      Span first = t.firstSpan();
      return SamplingThreshold.randomness(first.getTraceId(), first.getTraceState()) >= threshold;
    }

    @Override
    public long samplingThreshold(BufferedTrace trace) {
      return threshold;
    }
  }

  /** At most {@code spansPerSecond} spans a second per service of the trace's root span. */
  final class RateLimiting implements TailPolicy {
    private final long spansPerSecond;
    private final Clock clock;
    private final Map<String, long[]> windows = new HashMap<>(); // service -> {second, spans}

    RateLimiting(long spansPerSecond, Clock clock) {
      this.spansPerSecond = spansPerSecond;
      this.clock = clock;
    }

    @Override
    public boolean matches(BufferedTrace t) {
      long second = clock.millis() / 1000;
      long[] w = windows.computeIfAbsent(t.rootService(), s -> new long[2]);
      if (w[0] != second) {
        w[0] = second;
        w[1] = 0;
      }
      if (w[1] + t.spanCount() > spansPerSecond) {
        return false;
      }
      w[1] += t.spanCount();
      return true;
    }
  }

  record And(List<TailPolicy> all) implements TailPolicy {
    @Override
    public boolean matches(BufferedTrace t) {
      return all.stream().allMatch(p -> p.matches(t));
    }
  }

  record Or(List<TailPolicy> any) implements TailPolicy {
    @Override
    public boolean matches(BufferedTrace t) {
      return any.stream().anyMatch(p -> p.matches(t));
    }
  }

  static TailPolicy parse(Settings s, Clock clock) {
    String type = s.string("type").toLowerCase(Locale.ROOT);
    return switch (type) {
      case "status_code", "errors" -> {
        s.allowOnly("type", "name", "action");
        yield new Errors();
      }
      case "latency" -> {
        s.allowOnly("type", "name", "action", "threshold");
        if (!s.has("threshold")) {
          throw s.fail("threshold", "required, e.g. 500ms");
        }
        yield new Latency(s.duration("threshold", Duration.ZERO));
      }
      case "attribute" -> {
        s.allowOnly("type", "name", "action", "key", "values", "pattern");
        if (!s.has("values") && !s.has("pattern")) {
          throw s.fail("give values (a list) or pattern (a regular expression)");
        }
        yield new Attribute(s.string("key"), Set.copyOf(s.strings("values")), s.pattern("pattern"));
      }
      case "probabilistic" -> {
        s.allowOnly("type", "name", "action", "percentage");
        if (!s.has("percentage")) {
          throw s.fail("percentage", "required, above 0 and at most 100");
        }
        yield new Probabilistic(SamplingThreshold.ofProbability(s.number("percentage", 100, Double.MIN_VALUE, 100) / 100));
      }
      case "rate_limiting" -> {
        s.allowOnly("type", "name", "action", "spans_per_second");
        yield new RateLimiting((long) s.number("spans_per_second", 100, 1, 1e9), clock);
      }
      case "adaptive" -> AdaptivePolicy.parse(s, clock);
      case "and", "or" -> {
        s.allowOnly("type", "name", "action", "policies");
        List<TailPolicy> parts = s.maps("policies").stream().map(p -> parse(p, clock)).toList();
        if (parts.isEmpty()) {
          throw s.fail("policies", "an " + type + " policy needs policies to combine");
        }
        yield type.equals("and") ? new And(parts) : new Or(parts);
      }
      default -> throw s.fail("type", "'" + type + "' is not one of status_code, latency, attribute, probabilistic, rate_limiting, adaptive, and, or");
    };
  }

  /** Spans of a trace piece by piece, with their resource. */
  @FunctionalInterface
  interface SpanTest {
    boolean test(ResourceSpans resource, Span span);
  }

  static boolean anySpan(List<ResourceSpans> pieces, SpanTest test) {
    for (ResourceSpans rs : pieces) {
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        for (Span s : ss.getSpansList()) {
          if (test.test(rs, s)) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
