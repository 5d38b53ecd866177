package dev.sightline.receivers.prometheus.scrape;

import java.util.List;
import java.util.Map;

/**
 * What one scrape body held: its samples in order, the declared type of each metric family
 * ({@code counter}, {@code gauge}, {@code histogram}, …), and the lines that could not be read,
 * the first of them with line number and reason, and how many lines were skipped in all.
 */
public record Exposition(List<ExposedSample> samples, Map<String, String> types, List<String> errors,
    int rejectedLines) {
  public Exposition {
    samples = List.copyOf(samples);
    types = Map.copyOf(types);
    errors = List.copyOf(errors);
  }
}
