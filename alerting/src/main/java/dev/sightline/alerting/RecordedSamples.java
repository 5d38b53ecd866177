package dev.sightline.alerting;

import java.util.List;
import java.util.Map;

/** Where recording rules' results go: stored as samples of new series, through the normal ingest path. */
public interface RecordedSamples {

  /** One sample of a recording rule; {@code labels} include {@code __name__}. */
  record Sample(Map<String, String> labels, long timestampMs, double value) {}

  /** Stores the samples as {@code tenant}'s. */
  void write(String tenant, List<Sample> samples);
}
