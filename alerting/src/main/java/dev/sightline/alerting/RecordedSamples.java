package dev.sightline.alerting;

import java.util.List;
import java.util.Map;

/** Where recording rules' results go: stored as samples of new series, through the normal ingest path. */
public interface RecordedSamples {

  /** One sample of a recording rule; {@code labels} include {@code __name__}. */
  record Sample(Map<String, String> labels, long timestampMs, double value) {}

  void write(List<Sample> samples);
}
