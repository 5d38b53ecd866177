package dev.sightline.storage;

/**
 * What a store shared by several workers does when a worker takes over a partition of the ingest
 * log (see {@link LogPartitions}).
 */
@FunctionalInterface
public interface PartitionClaims {

  /** A store of one worker only: nothing to do. */
  PartitionClaims NONE = (partition, fromOffset) -> { };

  /**
   * Deletes what any worker stored of the partition's records from {@code fromOffset} on (stored
   * but not committed when their worker died or let go), so that the new owner, which reads the
   * partition from there, stores each of them once. Returns only when the deletion is done.
   *
   * @throws StorageException when the store cannot do it now; the worker must not read the partition then
   */
  void claim(String partition, long fromOffset);
}
