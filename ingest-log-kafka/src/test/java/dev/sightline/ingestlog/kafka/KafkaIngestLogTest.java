package dev.sightline.ingestlog.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sightline.ingestlog.LogEntry;
import dev.sightline.ingestlog.LogFullException;
import dev.sightline.storage.breaker.CircuitBreaker;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
class KafkaIngestLogTest {

  static KafkaLogConfig config(KafkaTestBroker broker, String prefix) {
    return KafkaLogConfig.defaults(broker.bootstrapServers()).withReplicationFactor((short) 1)
        .withTopics(new TopicSpec(prefix + "-traces", 4), new TopicSpec(prefix + "-metrics", 2), new TopicSpec(prefix + "-logs", 3))
        .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(500), Duration.ofSeconds(10))
        .withWorker(KafkaLogConfig.WorkerSettings.DEFAULT.withGroupId(prefix + "-workers"));
  }

  @Test
  void createsMissingTopicsWithTheConfiguredPartitions(KafkaTestBroker broker) throws Exception {
    KafkaLogConfig config = config(broker, "create");
    try (KafkaIngestLog ignored = KafkaIngestLog.open(config, Clock.systemUTC()); Admin admin = admin(broker)) {
      Map<String, Integer> partitions = admin.describeTopics(List.of("create-traces", "create-metrics", "create-logs"))
          .allTopicNames().get().entrySet().stream()
          .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().partitions().size()));
      assertThat(partitions).containsExactlyInAnyOrderEntriesOf(Map.of("create-traces", 4, "create-metrics", 2, "create-logs", 3));
    }
    KafkaIngestLog.open(config, Clock.systemUTC()).close(); // the second node finds them
  }

  @Test
  void splitsATracesRequestIntoOneRecordPerTraceKeyedByTraceId(KafkaTestBroker broker) throws Exception {
    KafkaLogConfig config = config(broker, "split");
    try (KafkaIngestLog log = KafkaIngestLog.open(config, Clock.systemUTC())) {
      long sequence = log.append(LogEntry.Kind.TRACES, "acme", "10.0.0.7", TestRequests.spans(1, 2, 3).toByteArray())
          .get(10, TimeUnit.SECONDS);
      assertThat(sequence).isEqualTo(1);
      log.append(LogEntry.Kind.LOGS, "acme", "", TestRequests.logs("checkout", "payments").toByteArray()).get(10, TimeUnit.SECONDS);
    }
    List<ConsumerRecord<byte[], byte[]>> traces = readAll(broker, "split-traces", 3);
    assertThat(traces).hasSize(3);
    for (ConsumerRecord<byte[], byte[]> r : traces) {
      ExportTraceServiceRequest one = ExportTraceServiceRequest.parseFrom(r.value());
      List<Span> spans = one.getResourceSpansList().stream().flatMap(rs -> rs.getScopeSpansList().stream())
          .flatMap(ss -> ss.getSpansList().stream()).toList();
      assertThat(spans).hasSize(2).allSatisfy(s -> assertThat(s.getTraceId().toByteArray()).isEqualTo(r.key()));
      assertThat(one.getResourceSpansList()).extracting(rs -> rs.getResource().getAttributes(0).getValue().getStringValue())
          .containsExactly("checkout", "payments");
      assertThat(KafkaIngestLog.header(r.headers(), KafkaIngestLog.TENANT_HEADER)).isEqualTo("acme");
      assertThat(KafkaIngestLog.header(r.headers(), KafkaIngestLog.PEER_HEADER)).isEqualTo("10.0.0.7");
    }
    List<ConsumerRecord<byte[], byte[]>> logs = readAll(broker, "split-logs", 2);
    assertThat(logs).extracting(r -> ExportLogsServiceRequest.parseFrom(r.value()).getResourceLogsCount()).containsExactly(1, 1);
  }

  @Test
  void theSameTraceAlwaysLandsInTheSamePartition(KafkaTestBroker broker) throws Exception {
    try (KafkaIngestLog log = KafkaIngestLog.open(config(broker, "same"), Clock.systemUTC())) {
      for (int i = 0; i < 5; i++) {
        log.append(LogEntry.Kind.TRACES, "acme", TestRequests.spans(7, 8 + i).toByteArray()).get(10, TimeUnit.SECONDS);
      }
    }
    Set<Integer> partitionsOfTrace7 = readAll(broker, "same-traces", 10).stream()
        .filter(r -> TestRequests.traceId(7).equals(com.google.protobuf.ByteString.copyFrom(r.key())))
        .map(ConsumerRecord::partition).collect(Collectors.toSet());
    assertThat(partitionsOfTrace7).hasSize(1);
  }

  @Test
  void refusesATopicWithFewerPartitionsThanConfigured(KafkaTestBroker broker) throws Exception {
    try (Admin admin = admin(broker)) {
      admin.createTopics(List.of(new NewTopic("few-traces", 1, (short) 1))).all().get();
    }
    assertThatThrownBy(() -> KafkaIngestLog.open(config(broker, "few"), Clock.systemUTC()))
        .isInstanceOf(KafkaUnavailableException.class)
        .hasMessageContaining("few-traces").hasMessageContaining(broker.bootstrapServers())
        .hasMessageContaining("has 1 partitions but 4 are configured");
  }

  @Test
  void namesTopicAndBrokerWhenATopicCannotBeCreated(KafkaTestBroker broker) {
    assertThatThrownBy(() -> KafkaIngestLog.open(config(broker, "rf3").withReplicationFactor((short) 3), Clock.systemUTC()))
        .isInstanceOf(KafkaUnavailableException.class)
        .hasMessageContaining("cannot create Kafka topic rf3-traces (4 partitions, replication 3) on " + broker.bootstrapServers());
  }

  @Test
  void withKafkaDownAppendsFailFastAsBacklogFullAndRecoverAfterwards(KafkaTestBroker broker) throws Exception {
    KafkaLogConfig config = config(broker, "down").withBreaker(new CircuitBreaker.Settings(1, Duration.ofMillis(500)));
    byte[] payload = TestRequests.spans(42).toByteArray();
    try (KafkaIngestLog log = KafkaIngestLog.open(config, Clock.systemUTC())) {
      log.append(LogEntry.Kind.TRACES, "acme", payload).get(10, TimeUnit.SECONDS);
      broker.stop();
      try {
        CompletableFuture<Long> first = log.append(LogEntry.Kind.TRACES, "acme", payload);
        assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
            .cause().isInstanceOfSatisfying(LogFullException.class, e -> {
              assertThat(e.backlogFull()).isTrue();
              assertThat(e.retryAfterSeconds()).isPositive();
            });
        assertThat(log.breakerState()).isEqualTo(CircuitBreaker.State.OPEN);
        long started = System.nanoTime();
        CompletableFuture<Long> refused = log.append(LogEntry.Kind.TRACES, "acme", payload);
        assertThat(refused).isCompletedExceptionally();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(100));
      } finally {
        broker.restart();
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      boolean recovered = false;
      while (!recovered && System.nanoTime() < deadline) {
        Thread.sleep(200);
        try {
          log.append(LogEntry.Kind.TRACES, "acme", payload).get(10, TimeUnit.SECONDS);
          recovered = true;
        } catch (ExecutionException e) {
          assertThat(e.getCause()).isInstanceOf(LogFullException.class);
        }
      }
      assertThat(recovered).isTrue();
      assertThat(log.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }
  }

  static Admin admin(KafkaTestBroker broker) {
    return Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
  }

  static List<ConsumerRecord<byte[], byte[]>> readAll(KafkaTestBroker broker, String topic, int expected) {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (records.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      return records;
    }
  }
}
