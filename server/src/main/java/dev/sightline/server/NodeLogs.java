package dev.sightline.server;

import dev.sightline.ingestlog.IngestLog;
import dev.sightline.ingestlog.SegmentLog;
import dev.sightline.ingestlog.SegmentLogConfig;
import dev.sightline.ingestlog.kafka.KafkaIngestLog;
import dev.sightline.ingestlog.kafka.KafkaWorkerLog;
import dev.sightline.pipeline.SelfMetrics;
import dev.sightline.server.config.NodeRole;
import dev.sightline.server.config.ServerConfig;
import dev.sightline.server.ops.Readiness;
import dev.sightline.storage.LogPartitions;
import dev.sightline.storage.PartitionClaims;
import dev.sightline.storage.StorageWriter;
import java.time.Clock;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/**
 * The ingest log of one node, as {@code ingest.log} and {@code node.role} say: local segment
 * files that receivers append to and the pipeline reads, or Kafka, where receivers (and alerting's
 * own entries) append through the producer and a worker's pipeline reads as a consumer-group member.
 */
final class NodeLogs implements AutoCloseable {
  private final @Nullable SegmentLog segments;
  private final @Nullable KafkaIngestLog kafka;
  private final @Nullable KafkaWorkerLog worker;

  private NodeLogs(@Nullable SegmentLog segments, @Nullable KafkaIngestLog kafka, @Nullable KafkaWorkerLog worker) {
    this.segments = segments;
    this.kafka = kafka;
    this.worker = worker;
  }

  /**
   * Opens the log of the node's role.
   *
   * @param claims what the store does when a worker takes over a partition (a shared store: delete
   *     what it holds of it beyond the committed offset)
   */
  static NodeLogs open(ServerConfig config, StorageWriter writer, PartitionClaims claims, @Nullable EncryptionAtRest atRest,
      Clock clock) {
    if (config.scaleOut().kafka() == null) {
      SegmentLogConfig logConfig = new SegmentLogConfig(config.dataDir().resolve("ingest-log"),
          config.logSegmentBytes(), config.logQueueCapacity(), config.logBacklogBytes());
      return new NodeLogs(SegmentLog.open(atRest == null ? logConfig : atRest.encryptLog(logConfig)), null, null);
    }
    KafkaIngestLog producer = KafkaIngestLog.open(config.scaleOut().kafka(), clock);
    if (!config.scaleOut().role().processes()) {
      return new NodeLogs(null, producer, null);
    }
    try {
      return new NodeLogs(null, producer, KafkaWorkerLog.open(config.scaleOut().kafka(), writer::checkpoint, producer, claims));
    } catch (RuntimeException e) {
      producer.close();
      throw e;
    }
  }

  /** Where receivers, alerting and self-metrics append. */
  IngestLog appends() {
    return segments != null ? segments : requireNonNull(kafka);
  }

  /** What the storage pipeline reads. */
  IngestLog pipeline() {
    return segments != null ? segments : worker != null ? worker : requireNonNull(kafka);
  }

  boolean encrypted() {
    return segments != null && segments.encrypted();
  }

  /** The worker's partitions and the positions of what it reads, when it is a Kafka worker. */
  @Nullable LogPartitions partitions() {
    return worker == null ? null : worker.partitions();
  }

  /** What of the log this role depends on: Kafka's producer breaker not open, a worker in its group and the brokers answering. */
  void requiredBy(NodeRole role, Readiness readiness) {
    KafkaIngestLog producer = kafka;
    if (producer != null && (role.receives() || role.answersQueries())) {
      readiness.require("kafka", () -> Readiness.State.of("producer", producer.breakerState()));
    }
    KafkaWorkerLog consumer = worker;
    if (consumer != null && role.processes()) {
      readiness.require("kafka-consumer", () -> consumer.connected()
          ? new Readiness.State(true, "in its consumer group")
          : new Readiness.State(false, "not in its consumer group, or the brokers do not answer"));
    }
  }

  void registerGauges(SelfMetrics metrics, StorageWriter writer) {
    IngestLog log = pipeline();
    metrics.gauge("sightline_ingest_log_last_sequence", "Sequence of the last durable ingest-log entry.", log::lastSequence);
    if (segments != null) {
      metrics.gauge("sightline_ingest_log_segments", "Segment files of the ingest log.", segments::segmentCount);
      metrics.gauge("sightline_ingest_log_fsyncs", "Group commits (fsync calls) of the ingest log.", segments::fsyncs);
      metrics.gauge("sightline_ingest_log_backlog_bytes", "Durable ingest-log bytes not yet stored.",
          () -> segments.bytesAfter(writer.checkpoint()));
    }
    if (kafka != null) {
      metrics.gauge("sightline_kafka_breaker_state", "Circuit breaker around Kafka appends: 0 closed, 1 open, 2 half-open.",
          () -> kafka.breakerState().code());
      metrics.gauge("sightline_kafka_breaker_opened", "Times the Kafka circuit breaker opened since start.",
          () -> kafka.breaker().timesOpened());
    }
    if (worker != null) {
      metrics.gauge("sightline_kafka_rebalances", "Consumer-group rebalances this worker took part in since start.",
          worker::rebalances);
      for (var topic : java.util.List.of(worker.config().traces(), worker.config().metrics(), worker.config().logs())) {
        for (int p = 0; p < topic.partitions(); p++) {
          TopicPartition partition = new TopicPartition(topic.name(), p);
          metrics.gauge("sightline_kafka_consumer_lag", "Records not yet stored (log end minus committed offset) per partition this worker owns.",
              () -> worker.lag().getOrDefault(partition, 0L), "topic", topic.name(), "partition", Integer.toString(p));
        }
      }
    }
  }

  private static <T> T requireNonNull(@Nullable T value) {
    return java.util.Objects.requireNonNull(value, "no ingest log");
  }

  /** Leaves the consumer group (committing what is stored), then closes the producer or the segment files. */
  @Override
  public void close() {
    if (worker != null) {
      worker.close();
    }
    if (kafka != null) {
      kafka.close();
    }
    if (segments != null) {
      segments.close();
    }
  }
}
