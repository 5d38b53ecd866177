package dev.sightline.metadata;

import java.util.List;

/**
 * The rows of one kind of metadata. Every change runs in a transaction that also raises the kind's
 * {@link #revision}, so a node learns with one small query whether to read a kind again.
 *
 * <p>Every method throws {@link MetadataUnavailableException} when the store cannot be reached.
 */
public interface MetadataTable<T extends Versioned<T>> {
  /** The table's name, e.g. {@code api_keys}. */
  String kind();

  List<T> list();

  /**
   * Stores a new row at version 1.
   *
   * @throws IllegalStateException when a row with its key exists
   */
  T insert(T row);

  /**
   * Replaces the row with the same key if it still has {@code row.version()}; the result has the next version.
   *
   * @throws ConcurrentChangeException when the row has another version now
   * @throws java.util.NoSuchElementException when there is no such row
   */
  T update(T row);

  /** Inserts or replaces the row with the same key, whatever its version (last write wins). */
  T put(T row);

  /** @return false when there was no row with this key (its key columns, in order) */
  boolean delete(String... key);

  /**
   * Replaces the rows that came from the configuration ({@code source = 'config'}) by these, in one
   * transaction; rows of other sources stay.
   */
  void replaceFromConfig(List<T> rows);

  /** A number that changes whenever a row of this kind changes, on any node. */
  long revision();
}
