package dev.sightline.receivers.fluent;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.msgpack.value.MapValue;

/**
 * One decoded Forward message: its tag, the events that could be read, how many entries were
 * skipped and what was wrong with the first of them (one line each, naming the entry), and the
 * {@code chunk} id to acknowledge, if any.
 */
record ForwardMessage(String tag, List<Event> events, int skipped, List<String> problems, @Nullable String chunk) {
  /** Problems described per message; a garbled message could otherwise hold millions. */
  static final int MAX_PROBLEMS = 10;

  /** One event: its time in Unix nanoseconds and its record. */
  record Event(long timeNanos, MapValue record) {}
}
