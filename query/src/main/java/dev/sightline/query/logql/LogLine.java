package dev.sightline.query.logql;

import java.util.Map;
import java.util.TreeMap;

/** One log line as LogQL sees it: its labels (stream labels plus what parsers extracted), time in nanoseconds and text. */
public record LogLine(Map<String, String> labels, long timeNanos, String line) {
  public LogLine {
    labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
  }
}
