package dev.sightline.ingestlog.kafka;

import static java.util.Objects.requireNonNull;

import dev.sightline.ingestlog.LogEntry;
import dev.sightline.storage.breaker.CircuitBreaker;
import java.time.Duration;
import java.util.Set;

/**
 * Settings of the Kafka ingest log. {@link #defaults(String)} gives the production shape: topics
 * {@code otlp-traces} (12 partitions), {@code otlp-metrics} (8) and {@code otlp-logs} (16),
 * replication 3, lz4 compression, and timeouts short enough that an append fails within seconds
 * when Kafka is unreachable instead of holding the client.
 *
 * @param deliveryTimeout how long the producer keeps trying one record before the append fails
 * @param maxBlock how long an append may wait for topic metadata or producer buffer space
 * @param adminTimeout how long topic checks and creation at start-up may take
 * @param worker how workers consume: group, session timeout, revocation wait, queue bound
 */
public record KafkaLogConfig(String bootstrapServers, TopicSpec traces, TopicSpec metrics, TopicSpec logs,
    short replicationFactor, String compression, Duration deliveryTimeout, Duration requestTimeout,
    Duration maxBlock, Duration adminTimeout, CircuitBreaker.Settings breaker, WorkerSettings worker) {

  private static final Set<String> COMPRESSIONS = Set.of("none", "gzip", "snappy", "lz4", "zstd");

  public KafkaLogConfig {
    requireNonNull(bootstrapServers, "bootstrapServers");
    requireNonNull(traces, "traces");
    requireNonNull(metrics, "metrics");
    requireNonNull(logs, "logs");
    requireNonNull(compression, "compression");
    requireNonNull(deliveryTimeout, "deliveryTimeout");
    requireNonNull(requestTimeout, "requestTimeout");
    requireNonNull(maxBlock, "maxBlock");
    requireNonNull(adminTimeout, "adminTimeout");
    requireNonNull(breaker, "breaker");
    requireNonNull(worker, "worker");
    if (bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("kafka.bootstrap.servers is empty; expected host:port[,host:port...]");
    }
    if (replicationFactor < 1) {
      throw new IllegalArgumentException("kafka.replication.factor must be at least 1, got " + replicationFactor);
    }
    if (!COMPRESSIONS.contains(compression)) {
      throw new IllegalArgumentException("kafka.compression '" + compression + "' is not one of " + COMPRESSIONS);
    }
    if (deliveryTimeout.compareTo(requestTimeout) < 0) {
      throw new IllegalArgumentException("kafka.delivery.timeout (" + deliveryTimeout
          + ") must not be shorter than kafka.request.timeout (" + requestTimeout + ")");
    }
  }

  /** The production defaults against the given brokers. */
  public static KafkaLogConfig defaults(String bootstrapServers) {
    return new KafkaLogConfig(bootstrapServers, new TopicSpec("otlp-traces", 12), new TopicSpec("otlp-metrics", 8),
        new TopicSpec("otlp-logs", 16), (short) 3, "lz4", Duration.ofSeconds(10), Duration.ofSeconds(5),
        Duration.ofSeconds(1), Duration.ofSeconds(30), CircuitBreaker.Settings.DEFAULT, WorkerSettings.DEFAULT);
  }

  public KafkaLogConfig withReplicationFactor(short factor) {
    return new KafkaLogConfig(bootstrapServers, traces, metrics, logs, factor, compression, deliveryTimeout,
        requestTimeout, maxBlock, adminTimeout, breaker, worker);
  }

  public KafkaLogConfig withTopics(TopicSpec traces, TopicSpec metrics, TopicSpec logs) {
    return new KafkaLogConfig(bootstrapServers, traces, metrics, logs, replicationFactor, compression, deliveryTimeout,
        requestTimeout, maxBlock, adminTimeout, breaker, worker);
  }

  public KafkaLogConfig withTimeouts(Duration delivery, Duration request, Duration block, Duration admin) {
    return new KafkaLogConfig(bootstrapServers, traces, metrics, logs, replicationFactor, compression, delivery,
        request, block, admin, breaker, worker);
  }

  public KafkaLogConfig withBreaker(CircuitBreaker.Settings settings) {
    return new KafkaLogConfig(bootstrapServers, traces, metrics, logs, replicationFactor, compression, deliveryTimeout,
        requestTimeout, maxBlock, adminTimeout, settings, worker);
  }

  public KafkaLogConfig withWorker(WorkerSettings settings) {
    return new KafkaLogConfig(bootstrapServers, traces, metrics, logs, replicationFactor, compression, deliveryTimeout,
        requestTimeout, maxBlock, adminTimeout, breaker, settings);
  }

  /**
   * How a worker consumes.
   *
   * @param groupId the consumer group all workers share
   * @param sessionTimeout how soon the group gives a silent worker's partitions to others
   * @param revocationWait how long a worker that loses partitions waits for the pipeline to store
   *     what it took from them (tail-sampling decisions included) before letting them go
   * @param maxQueuedRecords records fetched ahead of the pipeline; fetching pauses above it
   */
  public record WorkerSettings(String groupId, Duration sessionTimeout, Duration revocationWait, int maxQueuedRecords) {
    public static final WorkerSettings DEFAULT = new WorkerSettings("sightline-workers", Duration.ofSeconds(10),
        Duration.ofSeconds(60), 5_000);

    public WorkerSettings {
      requireNonNull(groupId, "groupId");
      requireNonNull(sessionTimeout, "sessionTimeout");
      requireNonNull(revocationWait, "revocationWait");
      if (groupId.isBlank()) {
        throw new IllegalArgumentException("kafka.group.id is empty");
      }
      if (maxQueuedRecords < 1) {
        throw new IllegalArgumentException("kafka.worker.queue.records must be at least 1, got " + maxQueuedRecords);
      }
    }

    public WorkerSettings withGroupId(String group) {
      return new WorkerSettings(group, sessionTimeout, revocationWait, maxQueuedRecords);
    }
  }

  /** The topic that holds entries of {@code kind}. */
  public TopicSpec topic(LogEntry.Kind kind) {
    return switch (kind) {
      case TRACES -> traces;
      case METRICS -> metrics;
      case LOGS -> logs;
    };
  }
}
