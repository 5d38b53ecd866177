package dev.sightline.receivers.prometheus.scrape;

import java.util.Map;

/**
 * One sample line of an exposition: labels with {@code __name__}, the value, and the timestamp in
 * milliseconds when the line carried one ({@link #NO_TIMESTAMP} otherwise).
 */
public record ExposedSample(Map<String, String> labels, double value, long timestampMs) {
  public static final long NO_TIMESTAMP = Long.MIN_VALUE;
}
