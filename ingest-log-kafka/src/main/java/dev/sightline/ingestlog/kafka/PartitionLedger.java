package dev.sightline.ingestlog.kafka;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Which Kafka records a worker handed to its pipeline under which local sequence, until storage
 * releases them. Releasing up to a sequence yields, per partition, the offset that is safe to
 * commit: the oldest record still held, or the one after the last handed out when none is held.
 * The pipeline releases below its replay position, so records held by a tail sampler keep the
 * committed offset behind them and are read again by whoever owns the partition next.
 */
final class PartitionLedger {
  private record Held(long sequence, long offset) {}

  private final Map<TopicPartition, ArrayDeque<Held>> held = new HashMap<>();
  private final Map<TopicPartition, Long> nextOffset = new HashMap<>();

  synchronized void handedOut(TopicPartition partition, long sequence, long offset) {
    held.computeIfAbsent(partition, p -> new ArrayDeque<>()).addLast(new Held(sequence, offset));
    nextOffset.put(partition, offset + 1);
  }

  /** Lets go of records with a sequence up to {@code sequence}; returns the offsets now safe to commit. */
  synchronized Map<TopicPartition, Long> release(long sequence) {
    Map<TopicPartition, Long> commit = new HashMap<>();
    held.forEach((partition, records) -> {
      boolean released = false;
      while (!records.isEmpty() && records.peekFirst().sequence() <= sequence) {
        records.removeFirst();
        released = true;
      }
      if (released) {
        commit.put(partition, records.isEmpty() ? nextOffset.get(partition) : records.peekFirst().offset());
      }
    });
    return commit;
  }

  /** True while any record of these partitions is handed out and not yet stored. */
  synchronized boolean holdsAny(Collection<TopicPartition> partitions) {
    return partitions.stream().anyMatch(p -> !held.getOrDefault(p, new ArrayDeque<>()).isEmpty());
  }

  synchronized int heldCount(TopicPartition partition) {
    ArrayDeque<Held> records = held.get(partition);
    return records == null ? 0 : records.size();
  }

  /** Forgets partitions this worker no longer owns. */
  synchronized void forget(Collection<TopicPartition> partitions) {
    partitions.forEach(p -> {
      held.remove(p);
      nextOffset.remove(p);
    });
  }
}
