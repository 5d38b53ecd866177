package dev.sightline.pipeline;

import dev.sightline.ingestlog.LogEntry;
import java.util.Locale;

/** The three OTLP signals, with the name used in metric labels and the item they count. */
public enum Signal {
  TRACES("spans"), METRICS("points"), LOGS("log_records");

  private final String items;

  Signal(String items) {
    this.items = items;
  }

  /** The label value: {@code traces}, {@code metrics} or {@code logs}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** What one item of this signal is called: spans, points, log records. */
  public String items() {
    return items;
  }

  public LogEntry.Kind logKind() {
    return LogEntry.Kind.valueOf(name());
  }

  public static Signal of(LogEntry.Kind kind) {
    return valueOf(kind.name());
  }
}
