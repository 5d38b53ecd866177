package dev.sightline.server.promql;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Where a corpus query is evaluated: an instant query at {@code end}, or a range query from {@code start} to {@code end}. */
record Evaluation(String name, long start, long end, long stepMillis) {
  static Evaluation instant(String name, long time) {
    return new Evaluation(name, time, time, 0);
  }

  static Evaluation range(String name, long start, long end, long stepMillis) {
    return new Evaluation(name, start, end, stepMillis);
  }

  boolean isInstant() {
    return stepMillis == 0;
  }

  String pathAndQuery(String query) {
    String q = "query=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
    if (isInstant()) {
      return "/api/v1/query?" + q + "&time=" + seconds(end);
    }
    return "/api/v1/query_range?" + q + "&start=" + seconds(start) + "&end=" + seconds(end) + "&step=" + seconds(stepMillis);
  }

  static String seconds(long millis) {
    return millis % 1000 == 0 ? Long.toString(millis / 1000) : String.format("%d.%03d", millis / 1000, millis % 1000);
  }

  @Override
  public String toString() {
    return isInstant() ? "instant " + name + " @" + Instant.ofEpochMilli(end)
        : "range " + name + " " + Instant.ofEpochMilli(start) + ".." + Instant.ofEpochMilli(end) + " step " + stepMillis / 1000.0 + "s";
  }
}
