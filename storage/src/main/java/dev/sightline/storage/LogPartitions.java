package dev.sightline.storage;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.ByteString;
import java.util.Optional;

/**
 * The partitions of a partitioned ingest log (Kafka), as the store of one of several workers sees
 * them: where each entry the pipeline hands over was read, and which partitions this worker owns
 * now. A store shared by several workers uses it to keep each record exactly once
 * (docs/adr/0015): it records the position of what it stores, drops entries of partitions the
 * worker no longer owns, and with {@link PartitionClaims} deletes what a previous owner stored
 * beyond the committed offset before the new owner reads from there.
 */
public interface LogPartitions {

  /**
   * Where the entry at a local sequence was read; empty for entries of no partition (this node's
   * own entries, pipeline ticks) and for sequences already released.
   */
  Optional<Position> positionOf(long sequence);

  /**
   * Where the first record of a trace still held by this worker was read (the spans of one trace
   * travel in one partition): what the spans of a trace stored later, by a tail sampler's
   * decision, are attributed to. Empty when no record of the trace is held.
   */
  Optional<Position> positionOfTrace(ByteString traceId);

  /** True while this worker owns the partition and may store what it read from it. */
  boolean writable(String partition);

  /**
   * Runs a store write while no partition changes hands: ownership is withdrawn only between
   * writes, so nothing of a partition is stored after its new owner claimed it.
   */
  void whileOwned(Runnable write);

  /** A record's place in the log: its partition (topic and number, e.g. {@code otlp-traces:3}) and offset. */
  record Position(String partition, long offset) {
    public Position {
      requireNonNull(partition, "partition");
      if (offset < 0) {
        throw new IllegalArgumentException("offset " + offset + " is negative");
      }
    }
  }
}
