package dev.sightline.receivers.otlp;

import dev.sightline.ingestlog.IngestLog;
import dev.sightline.ingestlog.LogFullException;
import dev.sightline.otlp.OtlpValidator;
import dev.sightline.otlp.Validated;
import dev.sightline.pipeline.Items;
import dev.sightline.pipeline.LossAccounting;
import dev.sightline.pipeline.Signal;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import com.google.protobuf.Message;
import com.linecorp.armeria.server.ServiceRequestContext;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;

/**
 * The part of every OTLP receiver after decoding: validate, account, append the valid items to the
 * ingest log, and complete once they are durable. Never blocks the calling thread.
 */
public final class OtlpIngest {
  private final IngestLog log;
  private final OtlpValidator validator;
  private final LossAccounting loss;
  private final Clock clock;
  private final IngestQuota quota;

  public OtlpIngest(IngestLog log, OtlpValidator validator, LossAccounting loss, Clock clock) {
    this(log, validator, loss, clock, IngestQuota.NONE);
  }

  public OtlpIngest(IngestLog log, OtlpValidator validator, LossAccounting loss, Clock clock, IngestQuota quota) {
    this.log = log;
    this.validator = validator;
    this.loss = loss;
    this.clock = clock;
    this.quota = quota;
  }

  /**
   * Validates and logs a request.
   *
   * @param protobuf the request's protobuf encoding when the caller has it, stored as is when every
   *     item is valid (saving a re-encoding); null to encode the validated request
   * @throws dev.sightline.otlp.RequestTooLargeException when over the items-per-request limit
   */
  public CompletableFuture<IngestOutcome> traces(ExportTraceServiceRequest request, byte @Nullable [] protobuf,
      String transport, String tenant) {
    Validated<ExportTraceServiceRequest> v = validator.traces(request);
    return append(Signal.TRACES, transport, tenant, v, Items.spans(v.accepted().getResourceSpansList()),
        payload(request, v.accepted(), protobuf));
  }

  public CompletableFuture<IngestOutcome> metrics(ExportMetricsServiceRequest request, byte @Nullable [] protobuf,
      String transport, String tenant) {
    Validated<ExportMetricsServiceRequest> v = validator.metrics(request);
    return append(Signal.METRICS, transport, tenant, v, Items.points(v.accepted().getResourceMetricsList()),
        payload(request, v.accepted(), protobuf));
  }

  public CompletableFuture<IngestOutcome> logs(ExportLogsServiceRequest request, byte @Nullable [] protobuf,
      String transport, String tenant) {
    Validated<ExportLogsServiceRequest> v = validator.logs(request);
    ExportLogsServiceRequest accepted = withObservedTime(v.accepted());
    return append(Signal.LOGS, transport, tenant, v, Items.logRecords(accepted.getResourceLogsList()),
        payload(request, accepted, protobuf));
  }

  /** The original bytes when the stored request is the received one, else a fresh encoding. */
  private static byte[] payload(Message received, Message stored, byte @Nullable [] protobuf) {
    return stored == received && protobuf != null ? protobuf : stored.toByteArray();
  }

  private CompletableFuture<IngestOutcome> append(Signal signal, String transport, String tenant,
      Validated<?> v, long valid, byte[] payload) {
    loss.received(signal, transport, tenant, v.received());
    if (v.rejected() > 0) {
      loss.refused(signal, transport, tenant, "invalid", v.rejected());
    }
    String message = v.rejected() > 0 ? v.summary() : "";
    if (valid == 0) {
      return CompletableFuture.completedFuture(new IngestOutcome(0, v.rejected(), message));
    }
    IngestQuota.Admission admission = quota.admit(tenant, valid);
    if (!admission.admitted()) {
      loss.refused(signal, transport, tenant, "rate_limited", valid);
      // Refused for now, as a full queue is: 429 / RESOURCE_EXHAUSTED with the time to wait.
      return CompletableFuture.failedFuture(new LogFullException(admission.reason(), (int) Math.min(
          Integer.MAX_VALUE, admission.retryAfterSeconds()), false));
    }
    return log.append(signal.logKind(), tenant, peer(), payload).handle((sequence, error) -> {
      if (error != null) {
        Throwable cause = error instanceof CompletionException ? error.getCause() : error;
        String reason = cause instanceof LogFullException full
            ? (full.backlogFull() ? "unavailable" : "busy") : "log_error";
        loss.refused(signal, transport, tenant, reason, valid);
        throw new CompletionException(cause);
      }
      loss.accepted(signal, transport, tenant, valid);
      return new IngestOutcome(valid, v.rejected(), message);
    });
  }

  /** The address of the client of the request being served, kept with the data for enrichment. */
  private static String peer() {
    ServiceRequestContext ctx = ServiceRequestContext.currentOrNull();
    return ctx == null ? "" : ctx.clientAddress().getHostAddress();
  }

  /**
   * Records without any timestamp get the arrival time as their observed time, as the log data
   * model asks of collectors, so that they can be found by time.
   */
  private ExportLogsServiceRequest withObservedTime(ExportLogsServiceRequest request) {
    boolean missing = request.getResourceLogsList().stream()
        .flatMap(rl -> rl.getScopeLogsList().stream())
        .flatMap(sl -> sl.getLogRecordsList().stream())
        .anyMatch(r -> r.getTimeUnixNano() == 0 && r.getObservedTimeUnixNano() == 0);
    if (!missing) {
      return request;
    }
    long now = clock.millis() * 1_000_000L;
    ExportLogsServiceRequest.Builder b = request.toBuilder();
    for (ResourceLogs.Builder rl : b.getResourceLogsBuilderList()) {
      for (ScopeLogs.Builder sl : rl.getScopeLogsBuilderList()) {
        for (LogRecord.Builder r : sl.getLogRecordsBuilderList()) {
          if (r.getTimeUnixNano() == 0 && r.getObservedTimeUnixNano() == 0) {
            r.setObservedTimeUnixNano(now);
          }
        }
      }
    }
    return b.build();
  }
}
