package dev.sightline.pipeline.processor;

import dev.sightline.otlp.SamplingThreshold;
import com.google.protobuf.ByteString;
import dev.sightline.pipeline.LossAccounting;
import dev.sightline.pipeline.SelfMetrics;
import dev.sightline.pipeline.Signal;
import dev.sightline.storage.WriteBatch;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tail sampling (type {@code tail_sampling}): holds each trace's spans for {@code decision_wait}
 * after its first span, then keeps or drops the whole trace by the first policy that matches (a
 * policy's {@code action} is {@code keep} unless it says {@code drop}; no match drops). Late spans
 * follow the decision made. The buffer is bounded by {@code max_spans}: beyond it the oldest traces
 * are decided early, and counted so.
 *
 * <p>Nothing is lost on a crash: held spans stay in the ingest log (the pipeline's replay position
 * stays at the oldest held span) and are held again after a restart; decisions are synced to
 * {@code <data.dir>/sampling/<id>.decisions} before the batch that acts on them is stored.
 *
 * <pre>
 * tail_sampling:
 *   decision_wait: 10s
 *   max_spans: 250000
 *   policies:
 *     - {name: health, type: attribute, key: http.route, values: [/health], action: drop}
 *     - {name: errors, type: status_code}
 *     - {name: slow, type: latency, threshold: 2s}
 *     - {name: rest, type: probabilistic, percentage: 5}
 * </pre>
 */
final class TailSamplingProcessor extends TraceProcessor implements SamplingRates {
  private record Rule(String name, TailPolicy policy, boolean keep) {}

  private final Duration wait;
  private final long maxSpans;
  private final List<Rule> rules;
  private final Clock clock;
  private final SelfMetrics metrics;
  private final LossAccounting loss;
  private final SamplingDecisions decisions;
  private final LinkedHashMap<BufferedTrace.Key, BufferedTrace> buffer = new LinkedHashMap<>();
  private final Map<String, List<ResourceSpans>> released = new LinkedHashMap<>();
  private long releasedOldest = Long.MAX_VALUE;
  private long bufferedSpans;
  private long bufferedBytes;

  private TailSamplingProcessor(String id, Duration wait, long maxSpans, List<Rule> rules,
      SamplingDecisions decisions, ProcessorContext context) {
    super(id);
    this.wait = wait;
    this.maxSpans = maxSpans;
    this.rules = List.copyOf(rules);
    this.decisions = decisions;
    this.clock = context.clock();
    this.metrics = context.metrics();
    this.loss = context.loss();
    metrics.gauge("sightline_tail_sampling_buffered_spans", "Spans held until their trace is decided.", () -> bufferedSpans, "processor", id);
    metrics.gauge("sightline_tail_sampling_buffered_traces", "Traces held until decided.", buffer::size, "processor", id);
    metrics.gauge("sightline_tail_sampling_buffered_bytes", "Protobuf size of the spans held.", () -> bufferedBytes, "processor", id);
    metrics.gauge("sightline_tail_sampling_decisions_cached", "Decisions kept for late spans.", decisions::size, "processor", id);
  }

  static TailSamplingProcessor create(String id, Settings s, ProcessorContext context) {
    s.allowOnly("decision_wait", "max_spans", "decision_cache", "max_decisions", "policies");
    List<Rule> rules = new ArrayList<>();
    for (Settings p : s.maps("policies")) {
      String action = p.string("action", "keep");
      if (!action.equals("keep") && !action.equals("drop")) {
        throw p.fail("action", "'" + action + "' is not keep or drop");
      }
      rules.add(new Rule(p.string("name", p.string("type")), TailPolicy.parse(p, context.clock()), action.equals("keep")));
    }
    if (rules.isEmpty()) {
      throw s.fail("policies", "at least one policy is required, e.g. {type: status_code}");
    }
    SamplingDecisions decisions = new SamplingDecisions(
        context.dataDir().resolve("sampling").resolve(id.replace('/', '_') + ".decisions"),
        (int) s.number("max_decisions", 200_000, 1, 50_000_000),
        s.duration("decision_cache", Duration.ofHours(1)).toMillis());
    return new TailSamplingProcessor(id, s.duration("decision_wait", Duration.ofSeconds(10)),
        (long) s.number("max_spans", 250_000, 1, 1e10), rules, decisions, context);
  }

  @Override
  public List<SamplingRates.OperationRate> samplingRates() {
    List<SamplingRates.OperationRate> out = new ArrayList<>();
    for (Rule r : rules) {
      if (r.policy() instanceof AdaptivePolicy a) {
        for (AdaptivePolicy.Rate rate : a.rates()) {
          out.add(new SamplingRates.OperationRate(id(), r.name(), rate.service(), rate.operation(),
              rate.tracesPerSecond(), rate.probability()));
        }
      }
    }
    return out;
  }

  @Override
  public boolean makesItems() {
    return false;
  }

  @Override
  public boolean holdsItems() {
    return true;
  }

  @Override
  public void recover(long storedUpTo) {
    decisions.load(storedUpTo, clock.millis());
  }

  @Override
  public Optional<WriteBatch.SignalData> process(WriteBatch.Entry entry, boolean stored) {
    if (!(entry.data() instanceof WriteBatch.Traces traces)) {
      return Optional.of(entry.data());
    }
    List<ResourceSpans> passing = new ArrayList<>();
    byTrace(traces.resourceSpans(), (traceId, piece, spans) -> {
      BufferedTrace.Key key = new BufferedTrace.Key(entry.tenant(), traceId);
      SamplingDecisions.Decision d = decisions.get(key);
      if (d == null) {
        BufferedTrace t = buffer.computeIfAbsent(key, k -> new BufferedTrace(k, clock.millis(), entry.sequence()));
        t.add(piece);
        bufferedSpans += spans;
        bufferedBytes += piece.getSerializedSize();
      } else if (stored) {
        return; // acted on when it was first read
      } else if (d.keep()) {
        passing.add(withThreshold(piece, d.threshold()));
      } else {
        loss.dropped(Signal.TRACES, entry.tenant(), id(), spans);
      }
    });
    while (bufferedSpans > maxSpans && !buffer.isEmpty()) {
      decide(buffer.values().iterator().next(), entry.sequence(), "forced");
    }
    return passing.isEmpty() ? Optional.empty() : Optional.of(new WriteBatch.Traces(passing));
  }

  @Override
  public boolean hasDueWork() {
    if (!released.isEmpty()) {
      return true;
    }
    return !buffer.isEmpty() && isDue(buffer.values().iterator().next());
  }

  private boolean isDue(BufferedTrace t) {
    return clock.millis() - t.firstSeenMillis >= wait.toMillis();
  }

  @Override
  public List<WriteBatch.Entry> endOfBatch(long position) {
    List<BufferedTrace> due = new ArrayList<>();
    for (BufferedTrace t : buffer.values()) {
      if (!isDue(t)) {
        break;
      }
      due.add(t);
    }
    for (BufferedTrace t : due) {
      decide(t, position, null);
    }
    decisions.sync(clock.millis());
    List<WriteBatch.Entry> out = new ArrayList<>();
    released.forEach((tenant, spans) -> out.add(new WriteBatch.Entry(position, tenant, new WriteBatch.Traces(spans))));
    released.clear();
    releasedOldest = Long.MAX_VALUE;
    return out;
  }

  @Override
  public long oldestNeeded() {
    long oldest = releasedOldest;
    if (!buffer.isEmpty()) {
      oldest = Math.min(oldest, buffer.values().iterator().next().firstSequence);
    }
    return oldest;
  }

  private void decide(BufferedTrace t, long position, String forcedBy) {
    Rule matched = null;
    for (Rule r : rules) {
      if (r.policy().matches(t)) {
        matched = r;
        break;
      }
    }
    boolean keep = matched != null && matched.keep();
    long threshold = matched == null ? 0 : matched.policy().samplingThreshold(t);
    buffer.remove(t.key);
    bufferedSpans -= t.spanCount();
    bufferedBytes -= t.bytes();
    decisions.put(t.key, new SamplingDecisions.Decision(keep, threshold, position, clock.millis()));
    metrics.counter("sightline_tail_sampling_decisions_total", "Traces decided, by decision and the policy that decided.",
        "processor", id(), "decision", keep ? "keep" : "drop",
        "policy", forcedBy != null ? forcedBy : matched == null ? "none" : matched.name()).increment();
    if (keep) {
      List<ResourceSpans> out = released.computeIfAbsent(t.key.tenant(), k -> new ArrayList<>());
      for (ResourceSpans piece : t.pieces) {
        out.add(withThreshold(piece, threshold));
      }
      releasedOldest = Math.min(releasedOldest, t.firstSequence);
    } else {
      loss.dropped(Signal.TRACES, t.key.tenant(), id(), t.spanCount());
    }
  }

  /** The spans with their effective threshold in the tracestate; a sampler only ever raises it. */
  private static ResourceSpans withThreshold(ResourceSpans piece, long threshold) {
    ResourceSpans.Builder b = piece.toBuilder();
    for (ScopeSpans.Builder ss : b.getScopeSpansBuilderList()) {
      for (Span.Builder s : ss.getSpansBuilderList()) {
        long effective = Math.max(threshold, SamplingThreshold.threshold(s.getTraceState()).orElse(0));
        s.setTraceState(SamplingThreshold.withThreshold(s.getTraceState(), effective));
      }
    }
    return b.build();
  }

  @FunctionalInterface
  private interface PieceConsumer {
    void accept(ByteString traceId, ResourceSpans piece, int spans);
  }

  /** Splits data into one piece per trace and resource, keeping resource and scope. */
  private static void byTrace(List<ResourceSpans> data, PieceConsumer consumer) {
    for (ResourceSpans rs : data) {
      Map<ByteString, ResourceSpans.Builder> pieces = new LinkedHashMap<>();
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        Map<ByteString, ScopeSpans.Builder> scopes = new LinkedHashMap<>();
        for (Span s : ss.getSpansList()) {
          scopes.computeIfAbsent(s.getTraceId(), k -> ss.toBuilder().clearSpans()).addSpans(s);
        }
        scopes.forEach((traceId, scope) -> pieces.computeIfAbsent(traceId,
            k -> rs.toBuilder().clearScopeSpans()).addScopeSpans(scope));
      }
      pieces.forEach((traceId, piece) -> {
        ResourceSpans built = piece.build();
        int n = 0;
        for (ScopeSpans ss : built.getScopeSpansList()) {
          n += ss.getSpansCount();
        }
        consumer.accept(traceId, built, n);
      });
    }
  }

  @Override
  public void shutdown(Duration timeout) {
    decisions.close();
  }
}
