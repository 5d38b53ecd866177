package dev.sightline.otlp;

import static java.util.Objects.requireNonNull;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.List;

/**
 * The outcome of validating one export request.
 *
 * @param accepted the request with only the valid items; resources, scopes and metrics left
 *     without items are dropped. The very request given when nothing was rejected.
 * @param received how many items the request held (spans, metric data points or log records)
 * @param rejected how many of them were rejected
 * @param errors one message per rejected item, naming it by path, for at most the first 20
 *     rejected items
 */
public record Validated<T>(T accepted, int received, int rejected, List<String> errors) {
  private static final int SUMMARY_MESSAGES = 5;

  public Validated {
    requireNonNull(accepted, "accepted");
    errors = List.copyOf(errors);
    if (rejected < 0 || rejected > received) {
      throw new IllegalArgumentException("rejected must be within [0, received=" + received + "], got " + rejected);
    }
  }

  /**
   * One line for a client, such as {@code rejected 3 of 10 spans: <first messages>; and 1 more},
   * fit for the {@code error_message} of an OTLP partial success.
   */
  public String summary() {
    String items = switch (accepted) {
      case ExportTraceServiceRequest t -> "spans";
      case ExportMetricsServiceRequest m -> "data points";
      case ExportLogsServiceRequest l -> "log records";
      default -> "items";
    };
    if (rejected == 0) {
      return "accepted all " + received + " " + items;
    }
    List<String> shown = errors.subList(0, Math.min(SUMMARY_MESSAGES, errors.size()));
    StringBuilder out = new StringBuilder("rejected ").append(rejected).append(" of ").append(received)
        .append(' ').append(items);
    if (!shown.isEmpty()) {
      out.append(": ").append(String.join("; ", shown));
    }
    int more = rejected - shown.size();
    if (more > 0 && !shown.isEmpty()) {
      out.append("; and ").append(more).append(" more");
    }
    return out.toString();
  }
}
