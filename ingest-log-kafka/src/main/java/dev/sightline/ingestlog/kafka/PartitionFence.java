package dev.sightline.ingestlog.kafka;

import com.google.protobuf.ByteString;
import dev.sightline.storage.LogPartitions;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/**
 * What a worker's store needs to keep records exactly once in a store shared with other workers:
 * the partition and offset behind each local sequence handed to the pipeline (until storage
 * released it), and the partitions it may write. A partition becomes writable once the store
 * claimed it, and stops being writable only between two store writes (a write lock against the
 * writes' read lock), after the revocation wait: what the pipeline still holds of it is then
 * dropped at storing, and stored by the next owner.
 */
final class PartitionFence implements LogPartitions {
  private final ConcurrentSkipListMap<Long, Position> positions = new ConcurrentSkipListMap<>();
  private final ConcurrentSkipListMap<Long, ByteString> traceOfSequence = new ConcurrentSkipListMap<>();
  private final Map<ByteString, Long> firstSequenceOfTrace = new ConcurrentHashMap<>();
  private final Set<String> writable = ConcurrentHashMap.newKeySet();
  private final ReadWriteLock lock = new ReentrantReadWriteLock();

  static String name(TopicPartition partition) {
    return partition.topic() + ":" + partition.partition();
  }

  /** A record handed to the pipeline; {@code traceId} is its key when it holds the spans of one trace. */
  void handedOut(long sequence, TopicPartition partition, long offset, byte @Nullable [] traceId) {
    positions.put(sequence, new Position(name(partition), offset));
    if (traceId != null) {
      ByteString id = ByteString.copyFrom(traceId);
      traceOfSequence.put(sequence, id);
      firstSequenceOfTrace.putIfAbsent(id, sequence);
    }
  }

  /** Storage has everything up to {@code sequence}: their positions are no longer asked for. */
  void released(long sequence) {
    Map<Long, ByteString> traces = traceOfSequence.headMap(sequence, true);
    traces.forEach((s, id) -> firstSequenceOfTrace.remove(id, s));
    traces.clear();
    positions.headMap(sequence, true).clear();
  }

  void grant(TopicPartition partition) {
    writable.add(name(partition));
  }

  /** Waits for a store write in progress, then lets go of these partitions. */
  void withdraw(Collection<TopicPartition> partitions) {
    lock.writeLock().lock();
    try {
      partitions.forEach(p -> writable.remove(name(p)));
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public Optional<Position> positionOf(long sequence) {
    return Optional.ofNullable(positions.get(sequence));
  }

  @Override
  public Optional<Position> positionOfTrace(ByteString traceId) {
    Long first = firstSequenceOfTrace.get(traceId);
    return first == null ? Optional.empty() : positionOf(first);
  }

  @Override
  public boolean writable(String partition) {
    return writable.contains(partition);
  }

  @Override
  public void whileOwned(Runnable write) {
    lock.readLock().lock();
    try {
      write.run();
    } finally {
      lock.readLock().unlock();
    }
  }
}
