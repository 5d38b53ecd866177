package dev.sightline.receivers.loki;

import java.util.List;
import java.util.Map;

/** One pushed stream: its labels and its entries, oldest first as sent. */
record LokiStream(Map<String, String> labels, List<Entry> entries) {
  LokiStream {
    labels = Map.copyOf(labels);
    entries = List.copyOf(entries);
  }

  /** One log line at a time in Unix nanoseconds, with its structured metadata. */
  record Entry(long timeNanos, String line, Map<String, String> metadata) {
    Entry {
      metadata = Map.copyOf(metadata);
    }
  }

  /** What a push request held: the readable streams, and a reason for each part that was not. */
  record Decoded(List<LokiStream> streams, List<String> problems) {}
}
