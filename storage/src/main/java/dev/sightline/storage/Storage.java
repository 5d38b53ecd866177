package dev.sightline.storage;

import java.util.Set;

/** One storage backend: a writer, readers per signal, and what it can do. */
public interface Storage extends AutoCloseable {

  Set<Capability> capabilities();

  StorageWriter writer();

  TraceReader traces();

  LogRecordReader logs();

  MetricReader metrics();

  /** Flushes what is written and releases files and connections. */
  @Override
  void close();
}
