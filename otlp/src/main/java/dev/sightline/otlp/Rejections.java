package dev.sightline.otlp;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The items one validation pass rejects, by their position in the request (counted across all
 * resources and scopes), with a message for each of the first {@value #MAX_MESSAGES}. Messages
 * beyond those are counted but never built.
 */
final class Rejections {
  static final int MAX_MESSAGES = 20;

  private final BitSet positions = new BitSet();
  private final List<String> messages = new ArrayList<>();

  void reject(int position, Supplier<String> message) {
    positions.set(position);
    if (messages.size() < MAX_MESSAGES) {
      messages.add(message.get());
    }
  }

  boolean isRejected(int position) {
    return positions.get(position);
  }

  boolean none() {
    return positions.isEmpty();
  }

  int count() {
    return positions.cardinality();
  }

  List<String> messages() {
    return messages;
  }

  /** A problem with a part of an item, such as {@code events[0]: 130 attributes, ...}; null stays null. */
  static @Nullable String about(String part, @Nullable String problem) {
    return problem == null ? null : part + ": " + problem;
  }
}
