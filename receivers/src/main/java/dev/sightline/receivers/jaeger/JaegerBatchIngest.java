package dev.sightline.receivers.jaeger;

import dev.sightline.receivers.RequestTenant;
import dev.sightline.pipeline.SelfMetrics;
import dev.sightline.receivers.otlp.IngestOutcome;
import dev.sightline.receivers.otlp.OtlpIngest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

/**
 * What both Jaeger transports do after decoding: count the spans that did not decode, store the
 * others through the OTLP ingest path, and say in one message what was left out and why.
 */
final class JaegerBatchIngest {
  private final OtlpIngest ingest;
  private final String transport;
  private final LongAdder malformedSpans;
  private final LongAdder unreadableRequests;

  JaegerBatchIngest(OtlpIngest ingest, String transport, SelfMetrics metrics) {
    this.ingest = ingest;
    this.transport = transport;
    this.malformedSpans = metrics.counter("sightline_jaeger_malformed_spans_total",
        "Jaeger spans refused because they could not be decoded (the others in their batch are kept).",
        "transport", transport);
    this.unreadableRequests = metrics.counter("sightline_jaeger_unreadable_requests_total",
        "Jaeger requests whose body could not be read at all.", "transport", transport);
  }

  void unreadable() {
    unreadableRequests.increment();
  }

  /**
   * Stores the decoded spans. The outcome's message names the spans left out, by index, and any
   * the validator refused; it is empty when everything was stored.
   *
   * @throws dev.sightline.otlp.RequestTooLargeException when over the items-per-request limit
   */
  CompletableFuture<IngestOutcome> store(DecodedBatch batch) {
    malformedSpans.add(batch.problems().size());
    int total = batch.problems().size() + batch.spans().size();
    String problems = batch.problems().isEmpty() ? ""
        : batch.problems().size() + " of " + total + " spans were not stored: " + String.join("; ", batch.problems());
    if (batch.spans().isEmpty()) {
      return CompletableFuture.completedFuture(new IngestOutcome(0, batch.problems().size(), problems));
    }
    return ingest.traces(JaegerToOtlp.convert(batch.spans()), null, transport, RequestTenant.current()).thenApply(outcome -> {
      List<String> messages = new ArrayList<>();
      if (!problems.isEmpty()) {
        messages.add(problems);
      }
      if (!outcome.message().isEmpty()) {
        messages.add(outcome.message());
      }
      return new IngestOutcome(outcome.accepted(), outcome.rejected() + batch.problems().size(), String.join("; ", messages));
    });
  }
}
