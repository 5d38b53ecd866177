package dev.sightline.ingestlog.kafka;

import dev.sightline.ingestlog.IngestLog;
import dev.sightline.ingestlog.LogEntry;
import dev.sightline.ingestlog.LogReader;
import dev.sightline.storage.LogPartitions;
import dev.sightline.storage.PartitionClaims;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jspecify.annotations.Nullable;

/**
 * The ingest log as a worker sees it: a member of the workers' consumer group whose reader hands
 * Kafka records to the pipeline under local sequences, continuing above the storage checkpoint.
 * {@link #releaseUpTo(long)}, which the pipeline calls after each stored batch with its replay
 * position, is what commits offsets: nothing is committed before storage has it, and records a
 * tail sampler still holds keep the committed offset behind them (docs/adr/0012).
 *
 * <p>Appends of data go to {@code appends} (the Kafka producer log); an empty append is the
 * pipeline's tick and stays local.
 */
public final class KafkaWorkerLog implements IngestLog {
  private final KafkaLogConfig config;
  private final LongSupplier storedUpTo;
  private final IngestLog appends;
  private final PartitionLedger ledger = new PartitionLedger();
  private final PartitionFence fence = new PartitionFence();
  private final PartitionClaims claims;
  private final HandOff handOff;
  private @Nullable GroupConsumer consumer;
  private @Nullable Thread thread;

  private KafkaWorkerLog(KafkaLogConfig config, LongSupplier storedUpTo, IngestLog appends, PartitionClaims claims) {
    this.config = config;
    this.claims = claims;
    this.storedUpTo = storedUpTo;
    this.appends = appends;
    Map<String, LogEntry.Kind> kinds = new HashMap<>();
    for (LogEntry.Kind kind : LogEntry.Kind.values()) {
      kinds.put(config.topic(kind).name(), kind);
    }
    this.handOff = new HandOff(ledger, fence, kinds);
    handOff.startAfter(storedUpTo.getAsLong());
  }

  /**
   * Checks or creates the topics; reading starts with {@link #openReader(long)}.
   *
   * @param storedUpTo the storage checkpoint: local sequences continue above it
   * @param appends where appends of data go (this worker's own entries, such as alert state)
   * @param claims what the store does when this worker takes over a partition: a store shared with
   *     other workers deletes what it holds of the partition beyond the committed offset
   */
  public static KafkaWorkerLog open(KafkaLogConfig config, LongSupplier storedUpTo, IngestLog appends,
      PartitionClaims claims) {
    new TopicSetup(config).ensure();
    return new KafkaWorkerLog(config, storedUpTo, appends, claims);
  }

  /** A worker with a store of its own. */
  public static KafkaWorkerLog open(KafkaLogConfig config, LongSupplier storedUpTo, IngestLog appends) {
    return open(config, storedUpTo, appends, PartitionClaims.NONE);
  }

  /** The partition and offset behind each local sequence, and the partitions this worker may store. */
  public LogPartitions partitions() {
    return fence;
  }

  static Map<String, Object> consumerSettings(KafkaLogConfig config) {
    return Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, config.worker().groupId(),
        ConsumerConfig.CLIENT_ID_CONFIG, "sightline-worker-" + UUID.randomUUID(),
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName(),
        ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) config.worker().sessionTimeout().toMillis(),
        ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) Math.max(500, config.worker().sessionTimeout().toMillis() / 4),
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500,
        ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) config.requestTimeout().toMillis());
  }

  @Override
  public CompletableFuture<Long> append(LogEntry.Kind kind, String tenant, String peer, byte[] payload) {
    if (payload.length == 0) {
      handOff.tick(kind, tenant);
      return CompletableFuture.completedFuture(handOff.lastSequence());
    }
    return appends.append(kind, tenant, peer, payload);
  }

  /**
   * Joins the consumer group and reads from the committed offsets. Local sequences continue above
   * the larger of {@code afterSequence} and the storage checkpoint: records read again after a
   * restart are new entries to the pipeline, never taken for stored ones.
   */
  @Override
  public synchronized LogReader openReader(long afterSequence) {
    if (thread != null) {
      throw new IllegalStateException("a worker reads the Kafka log with one reader");
    }
    handOff.startAfter(Math.max(afterSequence, storedUpTo.getAsLong()));
    GroupConsumer group = new GroupConsumer(new KafkaConsumer<>(consumerSettings(config), new ByteArrayDeserializer(),
        new ByteArrayDeserializer()), handOff, ledger, fence, claims, config);
    Thread t = new Thread(group, "sightline-kafka-consumer");
    t.setDaemon(true);
    consumer = group;
    thread = t;
    t.start();
    return new LogReader() {
      @Override
      public List<LogEntry> poll(int maxEntries, long maxBytes, Duration wait) throws InterruptedException {
        return handOff.take(maxEntries, maxBytes, wait);
      }

      @Override
      public void close() {
        // The consumer stays until the log closes: the pipeline's last batch is stored after the
        // reader closed, and its offsets are committed only then.
      }
    };
  }

  /** The last local sequence handed to the pipeline. */
  @Override
  public long lastSequence() {
    return handOff.lastSequence();
  }

  /** Storage has everything up to {@code sequence}: its offsets are committed with the next poll. */
  @Override
  public void releaseUpTo(long sequence) {
    GroupConsumer group = consumer;
    if (group != null) {
      group.released(ledger.release(sequence));
    }
    fence.released(sequence);
  }

  @Override
  public long bytesAfter(long sequence) {
    return 0;
  }

  /** Records not yet stored, per owned partition. */
  public Map<TopicPartition, Long> lag() {
    GroupConsumer group = consumer;
    return group == null ? Map.of() : group.lag();
  }

  /** True once this worker joined its group, while the brokers answer. */
  public boolean connected() {
    GroupConsumer group = consumer;
    return group != null && group.rebalances() > 0 && group.reachable();
  }

  /** Rebalances this worker took part in since start. */
  public long rebalances() {
    GroupConsumer group = consumer;
    return group == null ? 0 : group.rebalances();
  }

  public KafkaLogConfig config() {
    return config;
  }

  private synchronized void stopConsumer() {
    GroupConsumer group = consumer;
    Thread t = thread;
    if (group != null && t != null) {
      group.stop();
      try {
        t.join(config.worker().revocationWait().plusSeconds(10).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Commits what storage released and leaves the group; the producer log is closed by its owner. */
  @Override
  public void close() {
    stopConsumer();
  }
}
