package dev.sightline.ingestlog.kafka;

import dev.sightline.ingestlog.IngestLog;
import dev.sightline.ingestlog.LogEntry;
import dev.sightline.ingestlog.LogFullException;
import dev.sightline.ingestlog.LogReader;
import dev.sightline.storage.breaker.CircuitBreaker;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.BufferExhaustedException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest log on Kafka. An append becomes one record per trace (or per resource for metrics
 * and logs) on the signal's topic, with tenant and peer in headers; its future completes when
 * Kafka acknowledged every record ({@code acks=all}, idempotent producer). While Kafka is
 * unreachable the circuit breaker opens and appends fail at once with a {@link LogFullException}
 * whose {@code backlogFull} is true, which receivers answer with 503 and {@code Retry-After}.
 *
 * <p>Sequences on an ingest node count acknowledged appends since start; they say nothing about
 * Kafka offsets, which only workers see.
 */
public final class KafkaIngestLog implements IngestLog {
  private static final Logger log = LoggerFactory.getLogger(KafkaIngestLog.class);
  static final String TENANT_HEADER = "sightline.tenant";
  static final String PEER_HEADER = "sightline.peer";
  private final KafkaLogConfig config;
  private final Producer<byte[], byte[]> producer;
  private final CircuitBreaker breaker;
  private final AtomicLong acknowledged = new AtomicLong();

  private KafkaIngestLog(KafkaLogConfig config, Producer<byte[], byte[]> producer, CircuitBreaker breaker) {
    this.config = config;
    this.producer = producer;
    this.breaker = breaker;
  }

  /** Checks or creates the topics, then connects the producer; fails with a message naming the brokers. */
  public static KafkaIngestLog open(KafkaLogConfig config, Clock clock) {
    new TopicSetup(config).ensure();
    KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerSettings(config),
        new ByteArraySerializer(), new ByteArraySerializer());
    for (LogEntry.Kind kind : LogEntry.Kind.values()) {
      producer.partitionsFor(config.topic(kind).name()); // metadata now, so appends do not wait for it
    }
    log.info("Kafka ingest log on {}: topics {}, {}, {}", config.bootstrapServers(), config.traces().name(),
        config.metrics().name(), config.logs().name());
    return new KafkaIngestLog(config, producer, new CircuitBreaker(config.breaker(), clock));
  }

  static Map<String, Object> producerSettings(KafkaLogConfig config) {
    return Map.ofEntries(
        Map.entry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers()),
        Map.entry(ProducerConfig.ACKS_CONFIG, "all"),
        Map.entry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
        Map.entry(ProducerConfig.COMPRESSION_TYPE_CONFIG, config.compression()),
        Map.entry(ProducerConfig.LINGER_MS_CONFIG, 5),
        Map.entry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) config.deliveryTimeout().toMillis()),
        Map.entry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) config.requestTimeout().toMillis()),
        Map.entry(ProducerConfig.MAX_BLOCK_MS_CONFIG, config.maxBlock().toMillis()),
        Map.entry(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000),
        Map.entry(ProducerConfig.CLIENT_ID_CONFIG, "sightline-ingest"));
  }

  @Override
  public CompletableFuture<Long> append(LogEntry.Kind kind, String tenant, String peer, byte[] payload) {
    if (!breaker.tryAcquire()) {
      return CompletableFuture.failedFuture(new LogFullException("Kafka at " + config.bootstrapServers()
          + " is unreachable (circuit breaker open); retry later", breaker.retryAfterSeconds(), true));
    }
    List<RecordSplit.Part> parts = RecordSplit.split(kind, tenant, payload);
    RecordHeaders headers = new RecordHeaders(List.of(
        new RecordHeader(TENANT_HEADER, tenant.getBytes(StandardCharsets.UTF_8)),
        new RecordHeader(PEER_HEADER, peer.getBytes(StandardCharsets.UTF_8))));
    String topic = config.topic(kind).name();
    CompletableFuture<Long> result = new CompletableFuture<>();
    AtomicInteger pending = new AtomicInteger(parts.size());
    for (RecordSplit.Part part : parts) {
      try {
        producer.send(new ProducerRecord<>(topic, null, part.key(), part.value(), headers), (metadata, error) -> {
          if (error != null) {
            fail(result, topic, error);
          } else if (pending.decrementAndGet() == 0) {
            breaker.onSuccess();
            result.complete(acknowledged.incrementAndGet());
          }
        });
      } catch (RuntimeException e) { // metadata or buffer space did not come within max.block
        fail(result, topic, e);
        break;
      }
    }
    return result;
  }

  /** Fails the append once; records sent before stay in Kafka, so a client retry may repeat them. */
  private void fail(CompletableFuture<Long> result, String topic, Exception error) {
    if (result.isDone()) {
      return;
    }
    if (error instanceof RecordTooLargeException || error instanceof RecordBatchTooLargeException) {
      result.completeExceptionally(new IllegalArgumentException("a record for " + topic
          + " is larger than Kafka takes (max.request.size / message.max.bytes): " + error.getMessage(), error));
      return;
    }
    if (error instanceof BufferExhaustedException) { // producer buffer full: momentary, not an outage
      result.completeExceptionally(new LogFullException("the Kafka producer buffer is full; retry shortly", 1, false));
      return;
    }
    breaker.onFailure();
    log.debug("append to {} failed: {}", topic, error.toString());
    result.completeExceptionally(new LogFullException("Kafka at " + config.bootstrapServers()
        + " did not acknowledge " + topic + ": " + error.getMessage(), breaker.retryAfterSeconds(), true));
  }

  /** The circuit breaker's state, for self-metrics and {@code /ready}. */
  public CircuitBreaker.State breakerState() {
    return breaker.state();
  }

  public CircuitBreaker breaker() {
    return breaker;
  }

  public KafkaLogConfig config() {
    return config;
  }

  @Override
  public LogReader openReader(long afterSequence) {
    throw new UnsupportedOperationException("an ingest node does not read the Kafka log; workers use KafkaLogReader");
  }

  /** Appends acknowledged by Kafka since start. */
  @Override
  public long lastSequence() {
    return acknowledged.get();
  }

  @Override
  public void releaseUpTo(long sequence) {
    // Kafka keeps records by its retention; workers commit offsets instead.
  }

  @Override
  public long bytesAfter(long sequence) {
    return 0;
  }

  /** Waits up to the delivery timeout for records in flight, then closes the producer. */
  @Override
  public void close() {
    producer.close(config.deliveryTimeout());
  }

  static @Nullable String header(org.apache.kafka.common.header.Headers headers, String name) {
    org.apache.kafka.common.header.Header h = headers.lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
