package dev.sightline.ingestlog;

import java.time.Duration;
import java.util.List;

/** Reads durable entries in sequence order. Not thread-safe: one reader per consumer thread. */
public interface LogReader extends AutoCloseable {

  /**
   * Returns the next durable entries, at most {@code maxEntries} and about {@code maxBytes} of
   * payload (at least one entry when any is available), waiting up to {@code wait} for the first
   * one. Returns an empty list when none arrived in time.
   */
  List<LogEntry> poll(int maxEntries, long maxBytes, Duration wait) throws InterruptedException;

  @Override
  void close();
}
