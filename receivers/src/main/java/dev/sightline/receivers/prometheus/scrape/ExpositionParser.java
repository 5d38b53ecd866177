package dev.sightline.receivers.prometheus.scrape;

import dev.sightline.receivers.prometheus.PromSeries;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the Prometheus text format 0.0.4 and OpenMetrics 1.0 (timestamps in seconds, exemplars,
 * {@code # UNIT}, {@code # EOF}). Unlike Prometheus, which fails the whole scrape on the first bad
 * line, a bad line is reported and skipped and the rest of the body is kept.
 */
public final class ExpositionParser {
  private static final int MAX_ERRORS = 20;
  private final boolean openMetrics;
  private final List<ExposedSample> samples = new ArrayList<>();
  private final Map<String, String> types = new HashMap<>();
  private final List<String> errors = new ArrayList<>();
  private int badLines;

  private ExpositionParser(boolean openMetrics) {
    this.openMetrics = openMetrics;
  }

  /** Parses a body whose Content-Type was {@code contentType} (OpenMetrics when it says so). */
  public static Exposition parse(String body, String contentType) {
    ExpositionParser p = new ExpositionParser(contentType.toLowerCase().startsWith("application/openmetrics-text"));
    p.run(body);
    if (p.badLines > MAX_ERRORS) {
      p.errors.add("… and " + (p.badLines - MAX_ERRORS) + " more bad lines");
    }
    return new Exposition(p.samples, p.types, p.errors, p.badLines);
  }

  private void run(String body) {
    int lineNo = 0;
    int start = 0;
    while (start < body.length()) {
      int end = body.indexOf('\n', start);
      if (end < 0) {
        end = body.length();
      }
      lineNo++;
      String line = body.substring(start, end);
      start = end + 1;
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      try {
        line(line);
      } catch (IllegalArgumentException e) {
        badLines++;
        if (errors.size() < MAX_ERRORS) {
          errors.add("line " + lineNo + ": " + e.getMessage());
        }
      }
    }
  }

  private void line(String line) {
    String trimmed = line.strip();
    if (trimmed.isEmpty()) {
      return;
    }
    if (trimmed.startsWith("#")) {
      comment(trimmed);
      return;
    }
    Cursor c = new Cursor(line);
    c.skipSpaces();
    Map<String, String> labels = new LinkedHashMap<>();
    String name = c.name();
    if (name.isEmpty()) {
      throw new IllegalArgumentException("expected a metric name, found '" + c.rest() + "'");
    }
    labels.put("__name__", name);
    boolean spaced = c.spaceAhead();
    c.skipSpaces();
    if (!c.atEnd() && c.peek() == '{') {
      c.labels(labels);
      spaced = c.spaceAhead();
    }
    if (!spaced || c.atEnd()) {
      throw new IllegalArgumentException("expected a space and a value after '" + name + "'");
    }
    c.skipSpaces();
    double value = Cursor.number(c.token(), "value");
    c.skipSpaces();
    long ts = ExposedSample.NO_TIMESTAMP;
    if (!c.atEnd() && c.peek() != '#') {
      String t = c.token();
      ts = openMetrics ? Math.round(Cursor.number(t, "timestamp") * 1000) : timestampMs(t);
      c.skipSpaces();
    }
    PromSeries.PromExemplar exemplar = null;
    if (!c.atEnd() && openMetrics && c.peek() == '#') {
      exemplar = exemplar(c, name);
    } else if (!c.atEnd()) {
      throw new IllegalArgumentException("unexpected '" + c.rest() + "' after the value of '" + name + "'");
    }
    samples.add(new ExposedSample(labels, value, ts, exemplar));
  }

  /** {@code # {trace_id="…"} 0.3 1700000000.1}, after a sample's value and timestamp. */
  private static PromSeries.PromExemplar exemplar(Cursor c, String name) {
    c.skipHash();
    c.skipSpaces();
    if (c.atEnd() || c.peek() != '{') {
      throw new IllegalArgumentException("expected an exemplar's label set after '#' on '" + name + "'");
    }
    Map<String, String> labels = new LinkedHashMap<>();
    c.labels(labels);
    c.skipSpaces();
    double value = Cursor.number(c.token(), "exemplar value");
    c.skipSpaces();
    long ts = Long.MIN_VALUE;
    if (!c.atEnd()) {
      ts = Math.round(Cursor.number(c.token(), "exemplar timestamp") * 1000);
      c.skipSpaces();
    }
    if (!c.atEnd()) {
      throw new IllegalArgumentException("unexpected '" + c.rest() + "' after the exemplar of '" + name + "'");
    }
    return new PromSeries.PromExemplar(labels, value, ts);
  }

  private static long timestampMs(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("timestamp '" + text + "' is not an integer of milliseconds");
    }
  }

  private void comment(String line) {
    String[] parts = line.substring(1).strip().split("\\s+", 3);
    if (parts.length >= 3 && parts[0].equals("TYPE")) {
      types.put(parts[1], parts[2].strip().toLowerCase());
    }
  }
}
