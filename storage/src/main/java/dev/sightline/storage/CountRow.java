package dev.sightline.storage;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** How many items one group holds; {@code group} maps each grouping dimension's label to its value. */
public record CountRow(Map<String, String> group, long count) {
  public CountRow {
    group = Collections.unmodifiableMap(new TreeMap<>(requireNonNull(group, "group")));
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative, was " + count);
    }
  }
}
