package dev.sightline.storage.objects;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * Immutable objects under string keys ({@code a/b/c.parquet}). Writes are whole-object: a reader
 * sees an object entirely or not at all. Every failure is an {@link IOException} whose message
 * names the key and the store.
 */
public interface ObjectStore extends AutoCloseable {

  /** One object of a listing. */
  record Entry(String key, long size) {}

  /** Stores the file's bytes under {@code key}, replacing an object already there. */
  void put(String key, Path file) throws IOException;

  /** Copies the object to {@code target} (replaced atomically); fails when there is no such object. */
  void get(String key, Path target) throws IOException;

  /** The object's size, empty when there is none. */
  OptionalLong size(String key) throws IOException;

  /** Removes the object; nothing happens when there is none. */
  void delete(String key) throws IOException;

  /** Every object whose key starts with {@code prefix}, in key order. */
  List<Entry> list(String prefix) throws IOException;

  /** Where the objects are, for logs and reports: a directory or {@code s3://bucket/prefix at endpoint}. */
  String describe();

  @Override
  default void close() {}
}
