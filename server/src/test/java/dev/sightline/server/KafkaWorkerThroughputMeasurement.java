package dev.sightline.server;

import com.google.protobuf.ByteString;
import dev.sightline.ingestlog.LogEntry;
import dev.sightline.ingestlog.kafka.KafkaIngestLog;
import dev.sightline.ingestlog.kafka.KafkaLogConfig;
import dev.sightline.ingestlog.kafka.KafkaTestBroker;
import dev.sightline.ingestlog.kafka.TopicSpec;
import dev.sightline.storage.clickhouse.ClickHouseProcess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures, not a test: spans a second that one and two worker nodes store from Kafka, and the
 * consumer lag of a burst. An in-process broker, topics of the production shape (traces 12
 * partitions), 200,000 spans (1,000 requests of 50 traces x 4 spans) appended first, then workers
 * started on a group of their own (1, 2, 1, 2 workers) and timed until every offset is committed. Prints the figures.
 * Run with {@code -Dsightline.measure=true -Dtest=KafkaWorkerThroughputMeasurement}; add
 * {@code -Dsightline.measure.store=clickhouse} for workers sharing one ClickHouse (Debian's, started
 * as a process; a database per round), whose span count is then checked to be exact.
 */
@EnabledIfSystemProperty(named = "sightline.measure", matches = "true")
class KafkaWorkerThroughputMeasurement {
  private static final int REQUESTS = 1_000;
  private static final int TRACES_PER_REQUEST = 50;
  private static final int SPANS_PER_TRACE = 4;
  @TempDir Path dir;
  private @org.jspecify.annotations.Nullable ClickHouseProcess clickhouse;

  @Test
  void oneAndTwoWorkers() throws Exception {
    if ("clickhouse".equals(System.getProperty("sightline.measure.store"))) {
      clickhouse = ClickHouseProcess.startOwn();
    }
    try (KafkaTestBroker broker = KafkaTestBroker.start(); Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      KafkaLogConfig config = KafkaLogConfig.defaults(broker.bootstrapServers()).withReplicationFactor((short) 1);
      long spans = (long) REQUESTS * TRACES_PER_REQUEST * SPANS_PER_TRACE;
      try (KafkaIngestLog ingest = KafkaIngestLog.open(config, Clock.systemUTC())) {
        long t0 = System.nanoTime();
        append(ingest, 0, REQUESTS);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("figures: appended %,d spans in %.1f s: %,.0f spans/s acknowledged by Kafka%n", spans, seconds, spans / seconds);
      }
      int[] rounds = {1, 2, 1, 2}; // twice each, alternating, so that warm-up favours neither
      for (int round = 0; round < rounds.length; round++) {
        int workers = rounds[round];
        String group = "measure-" + round;
        List<TestServer> nodes = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int w = 0; w < workers; w++) {
          nodes.add(new TestServer(Files.createDirectory(dir.resolve(group + "-" + w)), flags(broker, group)));
        }
        awaitCommitted(admin, config, group);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("figures: %d worker(s) stored %,d spans in %.1f s: %,.0f spans/s (group join included)%s%n",
            workers, spans, seconds, spans / seconds, clickhouse == null ? "" : "; ClickHouse holds " + storedSpans(group));
        if (round == rounds.length - 1) {
          burst(admin, broker, config, group);
        }
        nodes.forEach(TestServer::close);
      }
    }
  }

  /** 100,000 spans as fast as the producer takes them; the largest lag seen and the time to drain it. */
  private static void burst(Admin admin, KafkaTestBroker broker, KafkaLogConfig config, String group) throws Exception {
    try (KafkaIngestLog ingest = KafkaIngestLog.open(config, Clock.systemUTC())) {
      long t0 = System.nanoTime();
      CompletableFuture<Void> load = CompletableFuture.runAsync(() -> append(ingest, REQUESTS, REQUESTS / 2));
      long maxLag = 0;
      while (!load.isDone() || lag(admin, config, group) > 0) {
        maxLag = Math.max(maxLag, lag(admin, config, group));
        Thread.sleep(200);
      }
      load.join();
      System.out.printf("figures: burst of %,d spans (%,d records) with 2 workers: largest lag %,d records, drained %.1f s after the burst began%n",
          REQUESTS / 2L * TRACES_PER_REQUEST * SPANS_PER_TRACE, REQUESTS / 2L * TRACES_PER_REQUEST, maxLag,
          (System.nanoTime() - t0) / 1e9);
    }
  }

  private String[] flags(KafkaTestBroker broker, String group) {
    List<String> flags = new ArrayList<>(List.of("--node.role=worker", "--ingest.log=kafka",
        "--kafka.bootstrap.servers=" + broker.bootstrapServers(), "--kafka.replication.factor=1", "--kafka.group.id=" + group,
        "--kafka.session.timeout=6s"));
    if (clickhouse != null) {
      flags.addAll(List.of("--storage.engine=clickhouse", "--clickhouse.url=" + clickhouse.url(),
          "--clickhouse.database=" + group.replace('-', '_')));
    }
    return flags.toArray(String[]::new);
  }

  /** Rows and distinct spans in ClickHouse, and compressed bytes per span of each table after merging. */
  private String storedSpans(String group) throws Exception {
    String database = group.replace('-', '_');
    String counts = clickhouse("SELECT count(), uniqExact(trace_id, span) FROM spans", database);
    for (String table : List.of("spans", "trace_index", "sources")) {
      clickhouse("OPTIMIZE TABLE " + table + " FINAL", database);
    }
    String bytes = clickhouse("SELECT table, round(sum(data_compressed_bytes) / 200000, 1) FROM system.parts WHERE active "
        + "AND database = '" + database + "' AND table IN ('spans', 'trace_index', 'sources') GROUP BY table ORDER BY table",
        "default");
    return counts.replace("\t", " rows, distinct ") + " spans; compressed bytes per span: " + bytes.replace("\n", ", ");
  }

  private String clickhouse(String sql, String database) throws Exception {
    java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
        .newBuilder(java.net.URI.create(clickhouse.url() + "/?database=" + database))
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(sql + (sql.startsWith("SELECT") ? " FORMAT TSV" : "")))
        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    return r.body().strip();
  }

  private static void append(KafkaIngestLog ingest, int first, int count) {
    List<CompletableFuture<Long>> inFlight = new ArrayList<>();
    for (int r = first; r < first + count; r++) {
      inFlight.add(ingest.append(LogEntry.Kind.TRACES, "default", request(r).toByteArray()));
      if (inFlight.size() == 8) { // 8 concurrent requests, as the load generator sends
        inFlight.remove(0).join();
      }
    }
    inFlight.forEach(CompletableFuture::join);
  }

  private static ExportTraceServiceRequest request(int r) {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    long now = System.currentTimeMillis() * 1_000_000L;
    for (int t = 0; t < TRACES_PER_REQUEST; t++) {
      ByteString traceId = ByteString.copyFrom(ByteBuffer.allocate(16).putLong(r).putLong(t + 1).array());
      for (int s = 0; s < SPANS_PER_TRACE; s++) {
        scope.addSpans(Span.newBuilder().setTraceId(traceId).setSpanId(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(t * 16L + s + 1).array()))
            .setName(s == 0 ? "GET /checkout" : "SELECT orders").setKind(s == 0 ? Span.SpanKind.SPAN_KIND_SERVER : Span.SpanKind.SPAN_KIND_CLIENT)
            .setStartTimeUnixNano(now).setEndTimeUnixNano(now + 1_000_000L * (s + 1))
            .addAttributes(KeyValue.newBuilder().setKey("http.route").setValue(AnyValue.newBuilder().setStringValue("/checkout"))));
      }
    }
    return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
        .setResource(Resource.newBuilder().addAttributes(KeyValue.newBuilder().setKey("service.name")
            .setValue(AnyValue.newBuilder().setStringValue("shop-" + r % 7))))
        .addScopeSpans(scope)).build();
  }

  private static void awaitCommitted(Admin admin, KafkaLogConfig config, String group) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(20);
    while (lag(admin, config, group) > 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("group " + group + " did not catch up in 20 minutes");
      }
      Thread.sleep(200);
    }
  }

  /** Records of the traces topic not committed by the group: log end minus committed offset. */
  private static long lag(Admin admin, KafkaLogConfig config, String group) throws Exception {
    Map<TopicPartition, Long> committed = new java.util.HashMap<>();
    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().forEach((p, o) -> {
      if (o != null) {
        committed.put(p, o.offset());
      }
    });
    Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
    for (TopicSpec t : List.of(config.traces())) {
      for (int p = 0; p < t.partitions(); p++) {
        latest.put(new TopicPartition(t.name(), p), OffsetSpec.latest());
      }
    }
    long lag = 0;
    for (var e : admin.listOffsets(latest).all().get().entrySet()) {
      lag += e.getValue().offset() - committed.getOrDefault(e.getKey(), 0L);
    }
    return lag;
  }
}
