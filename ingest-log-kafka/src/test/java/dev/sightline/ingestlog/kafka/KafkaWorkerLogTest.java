package dev.sightline.ingestlog.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sightline.ingestlog.LogEntry;
import dev.sightline.ingestlog.LogReader;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
class KafkaWorkerLogTest {

  private static KafkaLogConfig config(KafkaTestBroker broker, String prefix, Duration revocationWait) {
    return KafkaIngestLogTest.config(broker, prefix).withWorker(new KafkaLogConfig.WorkerSettings(prefix + "-workers",
        Duration.ofSeconds(6), revocationWait, 1_000));
  }

  @Test
  void readsWhatIngestWroteAboveTheCheckpointAndCommitsOnlyWhatStorageReleased(KafkaTestBroker broker) throws Exception {
    KafkaLogConfig config = config(broker, "read", Duration.ofSeconds(5));
    try (KafkaIngestLog ingest = KafkaIngestLog.open(config, Clock.systemUTC())) {
      ingest.append(LogEntry.Kind.TRACES, "acme", "10.1.1.1", TestRequests.spans(1, 2).toByteArray()).get(10, TimeUnit.SECONDS);
      ingest.append(LogEntry.Kind.LOGS, "beta", TestRequests.logs("api").toByteArray()).get(10, TimeUnit.SECONDS);
      try (KafkaWorkerLog worker = KafkaWorkerLog.open(config, () -> 100, ingest)) {
        LogReader reader = worker.openReader(40);
        List<LogEntry> entries = readAtLeast(reader, 3);
        assertThat(entries).extracting(LogEntry::sequence).containsExactly(101L, 102L, 103L);
        assertThat(entries).extracting(LogEntry::kind).containsOnly(LogEntry.Kind.TRACES, LogEntry.Kind.LOGS);
        assertThat(entries).filteredOn(e -> e.kind() == LogEntry.Kind.TRACES)
            .extracting(LogEntry::tenant, LogEntry::peer).containsOnly(org.assertj.core.groups.Tuple.tuple("acme", "10.1.1.1"));
        assertThat(committed(broker, "read-workers")).isEmpty();

        worker.append(LogEntry.Kind.TRACES, "_sightline", new byte[0]); // a tick: local, never sent
        assertThat(readAtLeast(reader, 1)).singleElement().satisfies(e -> assertThat(e.sequence()).isEqualTo(104));

        worker.releaseUpTo(104);
        await(() -> committed(broker, "read-workers").values().stream().mapToLong(OffsetAndMetadata::offset).sum() == 3);
        await(() -> worker.lag().values().stream().mapToLong(Long::longValue).sum() == 0);
        assertThat(worker.rebalances()).isPositive();
      }
    }
  }

  @Test
  void whatStorageDidNotReleaseIsReadAgainByTheNextWorker(KafkaTestBroker broker) throws Exception {
    KafkaLogConfig config = config(broker, "again", Duration.ofMillis(500));
    try (KafkaIngestLog ingest = KafkaIngestLog.open(config, Clock.systemUTC())) {
      for (int i = 0; i < 6; i++) {
        ingest.append(LogEntry.Kind.TRACES, "acme", TestRequests.spans(100 + i).toByteArray()).get(10, TimeUnit.SECONDS);
      }
      List<LogEntry> first;
      try (KafkaWorkerLog worker = KafkaWorkerLog.open(config, () -> 0, ingest)) {
        LogReader reader = worker.openReader(0);
        first = readAtLeast(reader, 6);
        // storage keeps the first four; the last two are still held (a tail sampler waiting on them)
        worker.releaseUpTo(4);
        await(() -> committed(broker, "again-workers").values().stream().mapToLong(OffsetAndMetadata::offset).sum() == 4);
        await(() -> worker.lag().values().stream().mapToLong(Long::longValue).sum() == 2);
      }
      try (KafkaWorkerLog next = KafkaWorkerLog.open(config, () -> 4, ingest)) {
        List<LogEntry> again = readAtLeast(next.openReader(0), 2);
        assertThat(again).extracting(LogEntry::sequence).containsExactly(5L, 6L);
        assertThat(again).extracting(e -> new String(e.payload(), java.nio.charset.StandardCharsets.ISO_8859_1))
            .containsExactlyInAnyOrderElementsOf(first.subList(4, 6).stream()
                .map(e -> new String(e.payload(), java.nio.charset.StandardCharsets.ISO_8859_1)).toList());
      }
    }
  }

  @Test
  void aRevokedPartitionIsLetGoOnlyAfterStorageHasWhatWasTakenFromIt(KafkaTestBroker broker) throws Exception {
    KafkaLogConfig config = config(broker, "revoke", Duration.ofSeconds(20));
    try (KafkaIngestLog ingest = KafkaIngestLog.open(config, Clock.systemUTC());
        KafkaWorkerLog a = KafkaWorkerLog.open(config, () -> 0, ingest)) {
      LogReader readerA = a.openReader(0);
      for (int i = 0; i < 40; i++) {
        ingest.append(LogEntry.Kind.TRACES, "acme", TestRequests.spans(200 + i).toByteArray()).get(10, TimeUnit.SECONDS);
      }
      List<LogEntry> takenByA = readAtLeast(readerA, 40);
      try (KafkaWorkerLog b = KafkaWorkerLog.open(config, () -> 0, ingest)) {
        LogReader readerB = b.openReader(0);
        Thread.sleep(1_000); // b joined; a's revocation now waits for storage
        assertThat(readerB.poll(100, Long.MAX_VALUE, Duration.ofMillis(200))).as("nothing before a stored it").isEmpty();
        a.releaseUpTo(takenByA.get(takenByA.size() - 1).sequence());
        await(() -> !b.lag().isEmpty());
        assertThat(readerB.poll(100, Long.MAX_VALUE, Duration.ofSeconds(1))).as("b reads nothing twice").isEmpty();
        assertThat(a.rebalances()).isGreaterThanOrEqualTo(2);
        ingest.append(LogEntry.Kind.TRACES, "acme", TestRequests.spans(999).toByteArray()).get(10, TimeUnit.SECONDS);
        List<LogEntry> later = new ArrayList<>(readerA.poll(10, Long.MAX_VALUE, Duration.ofSeconds(2)));
        later.addAll(readerB.poll(10, Long.MAX_VALUE, Duration.ofSeconds(2)));
        assertThat(later).hasSize(1);
      }
    }
  }

  @Test
  void aPartitionIsReadOnlyOnceTheStoreClaimedItFromTheCommittedOffset(KafkaTestBroker broker) throws Exception {
    KafkaLogConfig config = config(broker, "claim", Duration.ofMillis(500));
    try (KafkaIngestLog ingest = KafkaIngestLog.open(config, Clock.systemUTC())) {
      for (int i = 0; i < 6; i++) {
        ingest.append(LogEntry.Kind.TRACES, "acme", TestRequests.spans(300 + i).toByteArray()).get(10, TimeUnit.SECONDS);
      }
      try (KafkaWorkerLog worker = KafkaWorkerLog.open(config, () -> 0, ingest)) {
        readAtLeast(worker.openReader(0), 6);
        worker.releaseUpTo(4);
        await(() -> committed(broker, "claim-workers").values().stream().mapToLong(OffsetAndMetadata::offset).sum() == 4);
      }
      Map<String, Long> claims = new java.util.concurrent.ConcurrentHashMap<>();
      java.util.concurrent.atomic.AtomicBoolean storeDown = new java.util.concurrent.atomic.AtomicBoolean(true);
      dev.sightline.storage.PartitionClaims store = (partition, from) -> {
        if (storeDown.get()) {
          throw new dev.sightline.storage.StorageException("ClickHouse is down");
        }
        claims.put(partition, from);
      };
      try (KafkaWorkerLog next = KafkaWorkerLog.open(config, () -> 4, ingest, store)) {
        LogReader reader = next.openReader(0);
        assertThat(reader.poll(10, Long.MAX_VALUE, Duration.ofSeconds(3))).as("nothing read before the claim").isEmpty();
        storeDown.set(false);
        List<LogEntry> again = readAtLeast(reader, 2);
        assertThat(again).hasSize(2);
        Map<TopicPartition, OffsetAndMetadata> committed = committed(broker, "claim-workers");
        committed.forEach((p, o) -> assertThat(claims).containsEntry(p.topic() + ":" + p.partition(), o.offset()));
        for (LogEntry e : again) {
          dev.sightline.storage.LogPartitions.Position at = next.partitions().positionOf(e.sequence()).orElseThrow();
          assertThat(next.partitions().writable(at.partition())).isTrue();
          assertThat(at.offset()).isGreaterThanOrEqualTo(claims.get(at.partition()));
        }
        next.releaseUpTo(again.get(1).sequence());
        assertThat(next.partitions().positionOf(again.get(0).sequence())).as("forgotten once stored").isEmpty();
      }
    }
  }

  static List<LogEntry> readAtLeast(LogReader reader, int count) throws InterruptedException {
    List<LogEntry> entries = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (entries.size() < count && System.nanoTime() < deadline) {
      entries.addAll(reader.poll(count - entries.size(), Long.MAX_VALUE, Duration.ofMillis(200)));
    }
    return entries;
  }

  static Map<TopicPartition, OffsetAndMetadata> committed(KafkaTestBroker broker, String group) {
    try (Admin admin = KafkaIngestLogTest.admin(broker)) {
      return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within 30 s").isLessThan(deadline);
      Thread.sleep(100);
    }
  }
}
