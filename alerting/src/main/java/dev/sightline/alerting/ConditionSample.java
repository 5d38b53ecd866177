package dev.sightline.alerting;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.TreeMap;

/**
 * One series for which a condition holds: its labels (sorted by name), its value, and details
 * that explain it, which become annotations of the alert (for example the expected band of an
 * anomaly: {@code expected_low}, {@code expected_high}).
 */
public record ConditionSample(Map<String, String> labels, double value, Map<String, String> details) {
  public ConditionSample {
    labels = java.util.Collections.unmodifiableMap(new TreeMap<>(requireNonNull(labels, "labels")));
    details = Map.copyOf(requireNonNull(details, "details"));
  }

  public ConditionSample(Map<String, String> labels, double value) {
    this(labels, value, Map.of());
  }
}
