package dev.sightline.receivers.prometheus.scrape;

import dev.sightline.receivers.prometheus.PromSeries;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One sample line of an exposition: labels with {@code __name__}, the value, the timestamp in
 * milliseconds when the line carried one ({@link #NO_TIMESTAMP} otherwise), and its OpenMetrics
 * exemplar if it had one.
 */
public record ExposedSample(Map<String, String> labels, double value, long timestampMs,
    PromSeries.@Nullable PromExemplar exemplar) {
  public static final long NO_TIMESTAMP = Long.MIN_VALUE;

  public ExposedSample(Map<String, String> labels, double value, long timestampMs) {
    this(labels, value, timestampMs, null);
  }
}
