package dev.sightline.ingestlog.kafka;

import dev.sightline.storage.PartitionClaims;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that touches the Kafka consumer: polls into the {@link HandOff}, pauses while the
 * pipeline is behind, commits the offsets storage has released, and on a rebalance lets go of
 * revoked partitions only after the pipeline stored what it took from them. A newly assigned
 * partition is read only once the store claimed it from the committed offset
 * ({@link PartitionClaims}); while the claim fails (the store is down) the partition stays paused
 * and the claim is tried again.
 */
final class GroupConsumer implements Runnable, ConsumerRebalanceListener {
  private static final Logger log = LoggerFactory.getLogger(GroupConsumer.class);
  private static final Duration PROBE_INTERVAL = Duration.ofSeconds(5);
  private static final Duration CLAIM_RETRY = Duration.ofSeconds(1);
  private final Consumer<byte[], byte[]> consumer;
  private final HandOff handOff;
  private final PartitionLedger ledger;
  private final PartitionFence fence;
  private final PartitionClaims claims;
  private final KafkaLogConfig config;
  private final Set<TopicPartition> unclaimed = new HashSet<>();
  private long nextClaim;
  private final Map<TopicPartition, Long> toCommit = new ConcurrentHashMap<>();
  private final Map<TopicPartition, Long> committed = new ConcurrentHashMap<>();
  private final Map<TopicPartition, Long> lag = new ConcurrentHashMap<>();
  private final AtomicLong rebalances = new AtomicLong();
  private volatile boolean stopped;
  private volatile boolean reachable = true;
  private long nextProbe;

  GroupConsumer(Consumer<byte[], byte[]> consumer, HandOff handOff, PartitionLedger ledger, PartitionFence fence,
      PartitionClaims claims, KafkaLogConfig config) {
    this.consumer = consumer;
    this.handOff = handOff;
    this.ledger = ledger;
    this.fence = fence;
    this.claims = claims;
    this.config = config;
  }

  @Override
  public void run() {
    consumer.subscribe(List.of(config.traces().name(), config.metrics().name(), config.logs().name()), this);
    try {
      while (!stopped) {
        commit();
        retryClaims();
        if (handOff.size() >= config.worker().maxQueuedRecords()) {
          consumer.pause(consumer.assignment()); // poll on, to stay in the group, but fetch nothing
        } else if (!consumer.paused().isEmpty()) {
          Set<TopicPartition> resume = new HashSet<>(consumer.paused());
          resume.removeAll(unclaimed);
          consumer.resume(resume);
        }
        handOff.add(consumer.poll(Duration.ofMillis(100)));
        measureLag();
        if (System.nanoTime() - nextProbe > 0) {
          probe();
          nextProbe = System.nanoTime() + PROBE_INTERVAL.toNanos();
        }
      }
      commit();
    } catch (WakeupException e) {
      commit();
    } catch (KafkaException e) {
      log.error("the Kafka consumer stopped; this worker reads nothing more until it restarts", e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  /** Called from the pipeline thread with offsets storage has released. */
  void released(Map<TopicPartition, Long> offsets) {
    offsets.forEach((p, o) -> toCommit.merge(p, o, Math::max));
  }

  private void commit() {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartition p : List.copyOf(toCommit.keySet())) {
      Long offset = toCommit.remove(p);
      if (offset != null && consumer.assignment().contains(p) && offset > committed.getOrDefault(p, -1L)) {
        offsets.put(p, new OffsetAndMetadata(offset));
      }
    }
    if (offsets.isEmpty()) {
      return;
    }
    try {
      consumer.commitSync(offsets, config.requestTimeout());
      offsets.forEach((p, o) -> committed.put(p, o.offset()));
    } catch (KafkaException e) {
      log.warn("committing offsets {} failed, retrying with the next poll: {}", offsets, e.getMessage());
      offsets.forEach((p, o) -> toCommit.merge(p, o.offset(), Math::max));
    }
  }

  /**
   * Asks the brokers for end offsets: a consumer polls on quietly while Kafka is down, so this is
   * how a worker knows (for {@code /ready}) that it cannot read.
   */
  private void probe() {
    List<TopicPartition> partitions = consumer.assignment().isEmpty()
        ? List.of(new TopicPartition(config.traces().name(), 0)) : List.copyOf(consumer.assignment());
    try {
      consumer.endOffsets(partitions, config.requestTimeout());
      reachable = true;
    } catch (KafkaException e) {
      reachable = false;
    }
  }

  boolean reachable() {
    return reachable;
  }

  /** Records not yet stored per partition: the log end minus the committed offset. */
  private void measureLag() {
    for (TopicPartition p : consumer.assignment()) {
      OptionalLong behind = consumer.currentLag(p);
      if (behind.isPresent()) {
        long end = consumer.position(p) + behind.getAsLong();
        Long done = committed.get(p);
        lag.put(p, done == null ? behind.getAsLong() + ledger.heldCount(p) : Math.max(0, end - done));
      }
    }
  }

  @Override
  public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
    rebalances.incrementAndGet();
    for (TopicPartition p : partitions) {
      if (!claim(p)) {
        unclaimed.add(p);
      }
    }
    if (!unclaimed.isEmpty()) {
      consumer.pause(unclaimed);
    }
    if (!partitions.isEmpty()) {
      log.info("worker assigned {}", partitions);
    }
  }

  /** Has the store claim the partition from where this worker reads it, then reads it; false when the store could not. */
  private boolean claim(TopicPartition p) {
    try {
      long from = consumer.position(p, config.requestTimeout());
      claims.claim(PartitionFence.name(p), from);
      consumer.seek(p, from);
    } catch (RuntimeException e) {
      if (!unclaimed.contains(p)) {
        log.warn("partition {} stays paused until the store can claim it ({}); trying every {}", p, e.getMessage(),
            CLAIM_RETRY);
      }
      return false;
    }
    if (unclaimed.contains(p)) {
      log.info("partition {} claimed: reading it", p);
    }
    fence.grant(p);
    handOff.own(List.of(p));
    return true;
  }

  private void retryClaims() {
    if (unclaimed.isEmpty() || System.nanoTime() - nextClaim < 0) {
      return;
    }
    nextClaim = System.nanoTime() + CLAIM_RETRY.toNanos();
    for (TopicPartition p : List.copyOf(unclaimed)) {
      if (consumer.assignment().contains(p) && claim(p)) {
        unclaimed.remove(p);
        consumer.resume(List.of(p));
      }
    }
  }

  /**
   * Waits (up to the revocation wait) until the pipeline stored what it took from these
   * partitions, tail-sampled traces included, and commits that; what is still held then is left
   * to the next owner, which reads it again from the committed offset.
   */
  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
    if (partitions.isEmpty()) {
      return;
    }
    unclaimed.removeAll(partitions);
    handOff.disown(partitions);
    long deadline = System.nanoTime() + config.worker().revocationWait().toNanos();
    while (ledger.holdsAny(partitions) && System.nanoTime() < deadline && !stopped) {
      commit();
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    commit();
    if (ledger.holdsAny(partitions)) {
      log.warn("partitions {} revoked with records not yet stored after {}; their next owner reads them again",
          partitions, config.worker().revocationWait());
    }
    fence.withdraw(partitions);
    forget(partitions);
    log.info("worker revoked {}", partitions);
  }

  @Override
  public void onPartitionsLost(Collection<TopicPartition> partitions) {
    unclaimed.removeAll(partitions);
    handOff.disown(partitions);
    fence.withdraw(partitions);
    forget(partitions); // another worker owns them already: commit nothing
    log.warn("worker lost {} without a clean revocation", partitions);
  }

  private void forget(Collection<TopicPartition> partitions) {
    ledger.forget(partitions);
    partitions.forEach(p -> {
      toCommit.remove(p);
      committed.remove(p);
      lag.remove(p);
    });
  }

  void stop() {
    stopped = true;
    consumer.wakeup();
  }

  Map<TopicPartition, Long> lag() {
    return Map.copyOf(lag);
  }

  long rebalances() {
    return rebalances.get();
  }
}
