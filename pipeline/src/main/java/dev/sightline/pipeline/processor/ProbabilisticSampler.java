package dev.sightline.pipeline.processor;

import dev.sightline.otlp.SamplingThreshold;
import dev.sightline.storage.WriteBatch;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Head sampling by trace id (type {@code probabilistic_sampler}): keeps {@code percentage} percent
 * of traces, the same traces in every service and at every Sightline, following OpenTelemetry
 * consistent probability sampling. A threshold written upstream is honoured (a sampler only ever
 * raises it) and each kept span's tracestate carries the effective one, so counts can be
 * re-weighted.
 *
 * <pre>
 * probabilistic_sampler:
 *   percentage: 10
 * </pre>
 */
final class ProbabilisticSampler extends TraceProcessor {
  private final long threshold;
  private final double probability;

  ProbabilisticSampler(String id, double percentage) {
    super(id);
    this.probability = percentage / 100;
    this.threshold = SamplingThreshold.ofProbability(probability);
  }

  /** The share of traces kept, in (0, 1]. */
  double probability() {
    return probability;
  }

  static ProbabilisticSampler create(String id, Settings s) {
    s.allowOnly("percentage");
    if (!s.has("percentage")) {
      throw s.fail("percentage", "required: the percentage of traces to keep, above 0 and at most 100");
    }
    double p = s.number("percentage", 100, Double.MIN_VALUE, 100);
    return new ProbabilisticSampler(id, p);
  }

  @Override
  public Optional<WriteBatch.SignalData> process(WriteBatch.Entry entry, boolean stored) {
    if (!(entry.data() instanceof WriteBatch.Traces traces)) {
      return Optional.of(entry.data());
    }
    List<ResourceSpans> out = new ArrayList<>();
    for (ResourceSpans rs : traces.resourceSpans()) {
      ResourceSpans.Builder rb = rs.toBuilder().clearScopeSpans();
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        ScopeSpans.Builder sb = ss.toBuilder().clearSpans();
        for (Span span : ss.getSpansList()) {
          long effective = Math.max(threshold,
              SamplingThreshold.threshold(span.getTraceState()).orElse(0));
          if (SamplingThreshold.randomness(span.getTraceId(), span.getTraceState()) >= effective) {
            sb.addSpans(span.toBuilder().setTraceState(
                SamplingThreshold.withThreshold(span.getTraceState(), effective)));
          }
        }
        if (sb.getSpansCount() > 0) {
          rb.addScopeSpans(sb);
        }
      }
      if (rb.getScopeSpansCount() > 0) {
        out.add(rb.build());
      }
    }
    return out.isEmpty() ? Optional.empty() : Optional.of(new WriteBatch.Traces(out));
  }
}
