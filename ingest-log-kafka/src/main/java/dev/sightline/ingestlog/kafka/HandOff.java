package dev.sightline.ingestlog.kafka;

import dev.sightline.ingestlog.LogEntry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/**
 * Records fetched by the consumer thread, waiting for the pipeline. A record gets its local
 * sequence only when the pipeline takes it, so records of a partition this worker loses while they
 * wait here are simply dropped: the next owner reads them from the committed offset.
 */
final class HandOff {
  /** A fetched record, or a tick (no record) that makes the pipeline form a batch. */
  private record Item(@Nullable ConsumerRecord<byte[], byte[]> record, LogEntry.Kind kind, String tenant) {}

  private final ArrayDeque<Item> queue = new ArrayDeque<>();
  private final Set<TopicPartition> owned = new HashSet<>();
  private final PartitionLedger ledger;
  private final PartitionFence fence;
  private final Map<String, LogEntry.Kind> kindOfTopic;
  private long lastSequence;

  HandOff(PartitionLedger ledger, PartitionFence fence, Map<String, LogEntry.Kind> kindOfTopic) {
    this.ledger = ledger;
    this.fence = fence;
    this.kindOfTopic = kindOfTopic;
  }

  synchronized void startAfter(long sequence) {
    lastSequence = Math.max(lastSequence, sequence);
  }

  synchronized void add(Iterable<ConsumerRecord<byte[], byte[]>> records) {
    for (ConsumerRecord<byte[], byte[]> r : records) {
      if (owned.contains(new TopicPartition(r.topic(), r.partition()))) {
        queue.addLast(new Item(r, kindOfTopic.get(r.topic()), ""));
      }
    }
    notifyAll();
  }

  synchronized void tick(LogEntry.Kind kind, String tenant) {
    queue.addLast(new Item(null, kind, tenant));
    notifyAll();
  }

  synchronized int size() {
    return queue.size();
  }

  synchronized long lastSequence() {
    return lastSequence;
  }

  synchronized void own(Collection<TopicPartition> partitions) {
    owned.addAll(partitions);
  }

  /** Stops handing out records of these partitions and drops those still waiting. */
  synchronized void disown(Collection<TopicPartition> partitions) {
    owned.removeAll(partitions);
    queue.removeIf(i -> i.record() != null
        && partitions.contains(new TopicPartition(i.record().topic(), i.record().partition())));
  }

  /** Up to {@code maxEntries} entries and about {@code maxBytes}, waiting up to {@code wait} for the first. */
  synchronized List<LogEntry> take(int maxEntries, long maxBytes, Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (queue.isEmpty()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return List.of();
      }
      wait(Math.max(1, left / 1_000_000));
    }
    List<LogEntry> entries = new ArrayList<>();
    long bytes = 0;
    while (!queue.isEmpty() && entries.size() < maxEntries && (entries.isEmpty() || bytes < maxBytes)) {
      Item item = queue.removeFirst();
      long sequence = ++lastSequence;
      ConsumerRecord<byte[], byte[]> r = item.record();
      if (r == null) {
        entries.add(new LogEntry(sequence, item.kind(), item.tenant(), new byte[0]));
        continue;
      }
      TopicPartition partition = new TopicPartition(r.topic(), r.partition());
      ledger.handedOut(partition, sequence, r.offset());
      fence.handedOut(sequence, partition, r.offset(), item.kind() == LogEntry.Kind.TRACES ? r.key() : null);
      String tenant = KafkaIngestLog.header(r.headers(), KafkaIngestLog.TENANT_HEADER);
      String peer = KafkaIngestLog.header(r.headers(), KafkaIngestLog.PEER_HEADER);
      entries.add(new LogEntry(sequence, item.kind(), tenant == null ? "" : tenant, peer == null ? "" : peer, r.value()));
      bytes += r.value().length;
    }
    return entries;
  }
}
