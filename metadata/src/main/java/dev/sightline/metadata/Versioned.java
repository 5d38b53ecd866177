package dev.sightline.metadata;

/**
 * A stored row with a version that every change raises by one: an update names the version it
 * read, and fails with {@link ConcurrentChangeException} when another change came first.
 */
public interface Versioned<T> {
  /** 0 for a row not stored yet. */
  long version();

  T withVersion(long version);
}
