package dev.sightline.storage;

import static java.util.Objects.requireNonNull;

/**
 * What is known of a Prometheus metric family: its type ({@code counter}, {@code gauge},
 * {@code histogram}, {@code summary}, {@code unknown}, …), help text and unit.
 */
public record MetricMetadata(String type, String help, String unit) {
  public MetricMetadata {
    requireNonNull(type, "type");
    requireNonNull(help, "help");
    requireNonNull(unit, "unit");
  }
}
