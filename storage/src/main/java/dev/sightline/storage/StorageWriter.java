package dev.sightline.storage;

/** Writes batches read from the ingest log. Called from one pipeline thread at a time. */
public interface StorageWriter {

  /**
   * Stores every item of the batch and records {@link WriteBatch#position()} as the checkpoint.
   * Replaying entries at or below the checkpoint must not be done by callers; replaying entries
   * above it after a crash must not show anything twice.
   *
   * @throws StorageException when nothing of the batch was stored
   */
  void write(WriteBatch batch);

  /** The ingest-log sequence of the last batch stored, 0 when none was. */
  long checkpoint();

  /** The {@link WriteBatch#replayFrom()} of the last batch stored; checkpoint + 1 when none said. */
  long replayFrom();
}
