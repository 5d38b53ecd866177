package dev.sightline.storage;

import static java.util.Objects.requireNonNull;

/**
 * Matches items whose own or resource attribute {@code key} has the value {@code value}; non-string
 * values compare by their JSON text ({@code 200}, {@code true}).
 */
public record AttributeFilter(String key, String value) {
  public AttributeFilter {
    requireNonNull(key, "key");
    requireNonNull(value, "value");
    if (key.isEmpty()) {
      throw new IllegalArgumentException("attribute filter key is empty");
    }
  }
}
