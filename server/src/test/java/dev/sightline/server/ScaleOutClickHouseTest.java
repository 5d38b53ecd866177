package dev.sightline.server;

import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sightline.ingestlog.kafka.KafkaTestBroker;
import dev.sightline.storage.clickhouse.ClickHouseProcess;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scaled-out deployment in separate processes on one machine: a KRaft broker, ClickHouse
 * (Debian's, as a process), two ingest nodes, two workers with tail sampling (keep traces with
 * errors) writing to the shared ClickHouse, and a query node. The OpenTelemetry SDK sends traces,
 * logs and metric points to both ingest nodes. Mid-way one worker is killed with SIGKILL; later
 * ClickHouse is killed and started again. Afterwards every acknowledged span, log record and
 * point is stored exactly once, every kept trace whole and every other trace not at all, and the
 * query node answers for them.
 */
class ScaleOutClickHouseTest {
  private static final Duration PATIENCE = Duration.ofMinutes(4);
  private static final int TRACES_PER_ROUND = 4;
  private static final int LOGS_PER_ROUND = 2;
  private static final Resource RESOURCE = Resource.getDefault()
      .merge(Resource.create(Attributes.of(stringKey("service.name"), "scaleout")));
  @TempDir Path dir;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final AtomicInteger rounds = new AtomicInteger();
  private final Set<String> keptTraces = ConcurrentHashMap.newKeySet();
  private final Set<String> droppedTraces = ConcurrentHashMap.newKeySet();
  private final Set<String> logs = ConcurrentHashMap.newKeySet();
  private final Set<String> points = ConcurrentHashMap.newKeySet();
  private final AtomicInteger failedExports = new AtomicInteger();
  private volatile boolean sending = true;
  private volatile URI clickhouseUrl = URI.create("http://127.0.0.1:0");

  @Test
  void everyAcknowledgedSignalIsStoredOnceAcrossAWorkerKillAndAClickHouseOutage() throws Exception {
    ClickHouseProcess clickhouse = ClickHouseProcess.startOwn();
    clickhouseUrl = clickhouse.url();
    Path tail = dir.resolve("tail.yaml");
    Files.writeString(tail, """
        processors:
          tail_sampling: {decision_wait: 2s, policies: [{type: status_code}]}
        pipelines:
          traces: [tail_sampling]
        """);
    try (KafkaTestBroker broker = KafkaTestBroker.start();
        NodeProcess ingest1 = started(node("ingest-1", broker, clickhouse, tail, "ingest"));
        NodeProcess ingest2 = started(node("ingest-2", broker, clickhouse, tail, "ingest"));
        NodeProcess workerA = started(node("worker-a", broker, clickhouse, tail, "worker"));
        NodeProcess workerB = started(node("worker-b", broker, clickhouse, tail, "worker"));
        NodeProcess query = started(node("query", broker, clickhouse, tail, "query"))) {
      List<Thread> clients = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        Thread t = new Thread(() -> send(List.of(ingest1, ingest2)), "sdk-client-" + i);
        t.start();
        clients.add(t);
      }
      await("acknowledged traffic before the kill", () -> keptTraces.size() >= 60);
      workerA.kill();
      await("acknowledged traffic after the kill", () -> keptTraces.size() >= 140);

      clickhouse.kill();
      await("worker b to say ClickHouse is unusable", () -> workerB.get("/ready").statusCode() == 503
          && workerB.get("/ready").body().contains("clickhouse"));
      assertThat(query.get("/ready").statusCode()).as("the query node needs ClickHouse too").isEqualTo(503);
      assertThat(ingest1.get("/ready").statusCode()).as("ingest needs only Kafka").isEqualTo(200);
      int duringOutage = keptTraces.size();
      await("ingest acknowledging while ClickHouse is down", () -> keptTraces.size() >= duringOutage + 40);
      clickhouse.restart();
      workerA.restart();
      workerA.awaitReady();
      await("traffic after the outage", () -> keptTraces.size() >= duringOutage + 100);
      sending = false;
      for (Thread t : clients) {
        t.join();
      }
      assertThat(workerB.get("/ready").statusCode()).isEqualTo(200);
      assertThat(workerB.get("/metrics").body()).containsPattern("sightline_clickhouse_breaker_opened [1-9]");

      await("every kept trace stored", () -> storedSpans().keySet().containsAll(keptTraces));
      await("every log record stored", () -> countsOf("SELECT body_text, count() FROM logs GROUP BY body_text")
          .keySet().containsAll(logs));
      await("every point stored", () -> countsOf(pointsQuery()).keySet().containsAll(points));
      Thread.sleep(3_000); // anything stored twice would arrive by now (decision wait, retries)

      Map<String, Integer> spans = storedSpans();
      for (String trace : keptTraces) {
        assertThat(spans.get(trace)).as("spans of kept trace %s", trace).isEqualTo(3);
      }
      for (String trace : droppedTraces) {
        assertThat(spans).as("trace %s without errors is dropped", trace).doesNotContainKey(trace);
      }
      assertThat(spans.values()).as("no trace stored twice, acknowledged or not").allMatch(n -> n == 3);
      assertThat(countsOf("SELECT body_text, count() FROM logs GROUP BY body_text").values())
          .as("log records stored once").allMatch(n -> n == 1);
      assertThat(countsOf(pointsQuery()).values()).as("points stored once").allMatch(n -> n == 1);

      List<String> sample = keptTraces.stream().limit(20).toList();
      for (String trace : sample) {
        assertThat(query.getJson("/api/v1/traces/" + trace).get("spans")).as("trace %s on the query node", trace).hasSize(3);
      }
      for (String trace : droppedTraces.stream().limit(5).toList()) {
        assertThat(query.get("/api/v1/traces/" + trace).statusCode()).isEqualTo(404);
      }
      String someLog = logs.iterator().next();
      JsonNode found = query.getJson("/api/v1/logs?service=scaleout&limit=10&contains=" + TestServer.encode(someLog));
      assertThat(found.get("logs")).as("log %s on the query node", someLog).hasSize(1);
      String someRound = points.iterator().next();
      JsonNode series = query.getJson("/api/v1/metrics/series?lookback=1h&match[]="
          + TestServer.encode("scaleout_rounds{round=\"" + someRound + "\"}")).get("series");
      assertThat(series).hasSize(1);
      assertThat(series.get(0).get("points")).hasSize(1);
      System.out.printf("figures: %d rounds; %d kept and %d dropped traces, %d log records and %d points acknowledged, "
          + "each stored once; %d exports refused%n", rounds.get(), keptTraces.size(), droppedTraces.size(), logs.size(),
          points.size(), failedExports.get());
    } finally {
      sending = false;
      clickhouse.kill();
    }
  }

  private NodeProcess node(String name, KafkaTestBroker broker, ClickHouseProcess clickhouse, Path tail, String role)
      throws IOException {
    List<String> flags = new ArrayList<>(List.of("--config=" + tail, "--node.role=" + role, "--ingest.log=kafka",
        "--kafka.bootstrap.servers=" + broker.bootstrapServers(), "--kafka.replication.factor=1",
        "--kafka.topic.traces.partitions=6", "--kafka.topic.metrics.partitions=2", "--kafka.topic.logs.partitions=4",
        "--kafka.session.timeout=6s", "--kafka.group.id=scaleout"));
    if (!role.equals("ingest")) {
      flags.addAll(List.of("--storage.engine=clickhouse", "--clickhouse.url=" + clickhouse.url(),
          "--clickhouse.database=scaleout", "--clickhouse.breaker.failures=2", "--clickhouse.breaker.open.for=1s",
          "--clickhouse.query.timeout=10s"));
    }
    return new NodeProcess(dir.resolve(name), flags.toArray(String[]::new));
  }

  private static NodeProcess started(NodeProcess node) throws IOException, InterruptedException {
    try {
      node.awaitReady();
      return node;
    } catch (AssertionError e) {
      node.close();
      throw e;
    }
  }

  /** One SDK client: rounds of traces, logs and a point, each export to one of the ingest nodes. */
  private void send(List<NodeProcess> ingest) {
    Queue<SpanData> spans = new Queue<>();
    Queue<LogRecordData> records = new Queue<>();
    PointReader reader = new PointReader();
    List<OtlpHttpSpanExporter> spanExporters = ingest.stream()
        .map(n -> OtlpHttpSpanExporter.builder().setEndpoint(otlp(n, "traces")).build()).toList();
    List<OtlpHttpLogRecordExporter> logExporters = ingest.stream()
        .map(n -> OtlpHttpLogRecordExporter.builder().setEndpoint(otlp(n, "logs")).build()).toList();
    List<OtlpHttpMetricExporter> metricExporters = ingest.stream()
        .map(n -> OtlpHttpMetricExporter.builder().setEndpoint(otlp(n, "metrics")).build()).toList();
    try (SdkTracerProvider tracing = SdkTracerProvider.builder().setResource(RESOURCE)
            .addSpanProcessor(SimpleSpanProcessor.create(spans.spanExporter())).build();
        SdkLoggerProvider logging = SdkLoggerProvider.builder().setResource(RESOURCE)
            .addLogRecordProcessor(SimpleLogRecordProcessor.create(records.logExporter())).build();
        SdkMeterProvider meters = SdkMeterProvider.builder().setResource(RESOURCE).registerMetricReader(reader).build()) {
      Tracer tracer = tracing.get("scaleout");
      LongCounter counter = meters.get("scaleout").counterBuilder("scaleout_rounds").build();
      while (sending) {
        int round = rounds.incrementAndGet();
        Map<String, Boolean> traces = new HashMap<>();
        for (int i = 0; i < TRACES_PER_ROUND; i++) {
          boolean error = (round + i) % 2 == 0;
          Span root = tracer.spanBuilder("order").startSpan();
          Context inRoot = Context.root().with(root);
          tracer.spanBuilder("charge").setParent(inRoot).startSpan().end();
          Span ship = tracer.spanBuilder("ship").setParent(inRoot).startSpan();
          if (error) {
            ship.setStatus(StatusCode.ERROR, "no courier");
          }
          ship.end();
          root.end();
          traces.put(root.getSpanContext().getTraceId(), error);
        }
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < LOGS_PER_ROUND; i++) {
          bodies.add("round " + round + " record " + i);
          logging.get("scaleout").logRecordBuilder().setBody(bodies.get(i)).emit();
        }
        counter.add(1, Attributes.of(stringKey("round"), Integer.toString(round)));
        int to = round % 2;
        if (acknowledged(spanExporters.get(to).export(spans.drain()))) {
          traces.forEach((id, error) -> (error ? keptTraces : droppedTraces).add(id));
        }
        if (acknowledged(logExporters.get(1 - to).export(records.drain()))) {
          logs.addAll(bodies);
        }
        if (acknowledged(metricExporters.get(to).export(reader.collect()))) {
          points.add(Integer.toString(round));
        }
      }
    } finally {
      spanExporters.forEach(OtlpHttpSpanExporter::close);
      logExporters.forEach(OtlpHttpLogRecordExporter::close);
      metricExporters.forEach(OtlpHttpMetricExporter::close);
    }
  }

  private static String otlp(NodeProcess node, String signal) {
    return "http://127.0.0.1:" + node.otlpHttpPort + "/v1/" + signal;
  }

  /** Whether the ingest node acknowledged an export (the SDK's exporters retry on their own first). */
  private boolean acknowledged(CompletableResultCode export) {
    boolean ok = export.join(30, TimeUnit.SECONDS).isSuccess();
    if (!ok) {
      failedExports.incrementAndGet();
    }
    return ok;
  }

  /** Spans per trace id (hex) in ClickHouse. */
  private Map<String, Integer> storedSpans() {
    return countsOf("SELECT lower(hex(trace_id)), count() FROM spans GROUP BY trace_id");
  }

  private static String pointsQuery() {
    return "SELECT label_values[indexOf(label_keys, 'round')] AS round, count() FROM points "
        + "WHERE metric_name = 'scaleout_rounds' GROUP BY round";
  }

  /** Runs a two-column query (key, count) on ClickHouse; empty while it cannot be reached. */
  private Map<String, Integer> countsOf(String sql) {
    Map<String, Integer> counts = new HashMap<>();
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(clickhouseUrl + "/?database=scaleout"))
          .POST(HttpRequest.BodyPublishers.ofString(sql + " FORMAT TSV", StandardCharsets.UTF_8)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new AssertionError(sql + " answered " + r.statusCode() + ": " + r.body());
      }
      for (String line : r.body().split("\n")) {
        if (!line.isEmpty()) {
          String[] cols = line.split("\t");
          counts.merge(cols[0], Integer.parseInt(cols[1]), Integer::sum);
        }
      }
    } catch (IOException e) {
      return counts;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return counts;
  }

  private void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(100);
    }
  }

  /** What the SDK ended, kept until the test sends it on: the test then knows exactly what each export held. */
  private static final class Queue<T> {
    private final ConcurrentLinkedQueue<T> items = new ConcurrentLinkedQueue<>();

    List<T> drain() {
      List<T> out = new ArrayList<>();
      for (T item = items.poll(); item != null; item = items.poll()) {
        out.add(item);
      }
      return out;
    }

    @SuppressWarnings("unchecked")
    SpanExporter spanExporter() {
      return new SpanExporter() {
        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
          items.addAll((Collection<T>) spans);
          return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
          return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
          return CompletableResultCode.ofSuccess();
        }
      };
    }

    @SuppressWarnings("unchecked")
    LogRecordExporter logExporter() {
      return new LogRecordExporter() {
        @Override
        public CompletableResultCode export(Collection<LogRecordData> records) {
          items.addAll((Collection<T>) records);
          return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
          return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
          return CompletableResultCode.ofSuccess();
        }
      };
    }
  }

  /** Collects the SDK's metrics on demand, as deltas: each round's point is exported once. */
  private static final class PointReader implements MetricReader {
    private volatile CollectionRegistration registration = CollectionRegistration.noop();

    @Override
    public void register(CollectionRegistration registration) {
      this.registration = registration;
    }

    Collection<MetricData> collect() {
      return registration.collectAllMetrics();
    }

    @Override
    public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
      return AggregationTemporality.DELTA;
    }

    @Override
    public CompletableResultCode forceFlush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
