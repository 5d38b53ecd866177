package dev.sightline.otlp;

import static java.util.Objects.requireNonNull;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;

/**
 * Checks export requests item by item, keeping the valid items and naming each rejected one by
 * its path, so that nothing valid is lost for a bad neighbour. Items are spans, metric data
 * points and log records.
 *
 * <ul>
 *   <li>Spans: a 16-byte trace id and 8-byte span id, neither all zeros; a parent span id empty
 *       or 8 bytes and not all zeros; a start time, and an end time not before it; link ids by
 *       the same rules.
 *   <li>Log records: a trace id empty or 16 bytes, a span id empty or 8 bytes, neither all zeros;
 *       a string or bytes body no longer than the value length limit.
 *   <li>Metrics: a non-empty name and some data (a metric without data counts as one rejected
 *       item); points with a time; histogram bucket counts empty or one more than the explicit
 *       bounds, which strictly increase; summary quantiles within [0, 1]; exemplar ids empty or
 *       of the right length and not all zeros.
 *   <li>Attributes of items, events, links, exemplars, resources and scopes within
 *       {@link RequestLimits}; a resource or scope over the limits rejects every item under it.
 * </ul>
 */
public final class OtlpValidator {
  private final RequestLimits limits;
  private final TraceValidation traces;
  private final MetricValidation metrics;
  private final LogValidation logs;

  public OtlpValidator(RequestLimits limits) {
    this.limits = requireNonNull(limits, "limits");
    AttributeLimits attributes = new AttributeLimits(limits);
    this.traces = new TraceValidation(attributes);
    this.metrics = new MetricValidation(attributes);
    this.logs = new LogValidation(attributes);
  }

  /** @throws RequestTooLargeException when the request holds more spans than the limit */
  public Validated<ExportTraceServiceRequest> traces(ExportTraceServiceRequest request) {
    requireWithinLimit(TraceValidation.count(request), "spans");
    return traces.validate(request);
  }

  /** @throws RequestTooLargeException when the request holds more data points than the limit */
  public Validated<ExportMetricsServiceRequest> metrics(ExportMetricsServiceRequest request) {
    requireWithinLimit(MetricValidation.count(request), "data points");
    return metrics.validate(request);
  }

  /** @throws RequestTooLargeException when the request holds more log records than the limit */
  public Validated<ExportLogsServiceRequest> logs(ExportLogsServiceRequest request) {
    requireWithinLimit(LogValidation.count(request), "log records");
    return logs.validate(request);
  }

  private void requireWithinLimit(long items, String itemName) {
    if (items > limits.maxItemsPerRequest()) {
      throw new RequestTooLargeException(items, limits.maxItemsPerRequest(), itemName);
    }
  }
}
