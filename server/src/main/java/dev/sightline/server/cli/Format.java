package dev.sightline.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** How the command line shows times, durations and label sets. */
final class Format {
  private Format() {}

  static String time(String unixNanos) {
    try {
      long n = Long.parseUnsignedLong(unixNanos);
      return Instant.ofEpochSecond(n / 1_000_000_000L, n % 1_000_000_000L).toString();
    } catch (NumberFormatException e) {
      return unixNanos;
    }
  }

  static String duration(long nanos) {
    if (nanos < 1_000_000L) {
      return String.format("%.0fµs", nanos / 1e3);
    }
    if (nanos < 1_000_000_000L) {
      return String.format("%.1fms", nanos / 1e6);
    }
    return String.format("%.2fs", nanos / 1e9);
  }

  static String labels(JsonNode labels) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : labels.properties()) {
      parts.add(e.getKey() + "=\"" + e.getValue().asText() + "\"");
    }
    return "{" + String.join(", ", parts) + "}";
  }
}
