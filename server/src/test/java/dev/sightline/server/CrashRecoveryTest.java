package dev.sightline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the server with SIGKILL while clients send spans, logs and points, restarts it, and finds
 * every acknowledged item exactly once.
 */
class CrashRecoveryTest {
  private static final int SPANS_PER_TRACE = 5;
  private static final int LOGS_PER_TRACE = 2;
  private static final long T0 = System.currentTimeMillis() * 1_000_000L;
  @TempDir Path data;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final AtomicLong nextTrace = new AtomicLong(1);
  private final Set<Long> ackedTraces = ConcurrentHashMap.newKeySet();
  private final Set<Long> ackedLogs = ConcurrentHashMap.newKeySet();
  private final Set<Long> ackedPoints = ConcurrentHashMap.newKeySet();
  private List<String> extraFlags = List.of();
  private int httpPort;
  private int otlpPort;

  @Test
  void everyAcknowledgedItemSurvivesKillMinusNineExactlyOnce() throws Exception {
    crashAndCheck();
  }

  /** The same with the ingest log and the store encrypted at rest: torn encrypted tails are cut off, nothing acknowledged is lost. */
  @Test
  void everyAcknowledgedItemSurvivesKillMinusNineWithEncryptionAtRest() throws Exception {
    Path keys = data.resolve("master.keys");
    java.nio.file.Files.writeString(keys, "k1:" + EncryptionAtRestTest.newKey() + "\n");
    crashAndCheck("--encryption.enabled=true", "--encryption.master.key.file=" + keys,
        "--encryption.store.unsafe.builtin.crypto=true");
  }

  /**
   * The same with tail sampling keeping every trace after a wait: spans held in memory at the
   * kill are held again from the ingest log after the restart and stored once.
   */
  @Test
  void heldSpansOfTailSamplingSurviveKillMinusNineExactlyOnce() throws Exception {
    Path config = data.resolve("tail.yaml");
    java.nio.file.Files.writeString(config, """
        processors:
          spanmetrics: {}
          tail_sampling: {decision_wait: 1s, policies: [{type: probabilistic, percentage: 100}]}
        pipelines:
          traces: [spanmetrics, tail_sampling]
        """);
    crashAndCheck("--config=" + config);
    String out = java.nio.file.Files.readString(data.resolve("server.out"));
    java.util.regex.Matcher restart = java.util.regex.Pattern.compile(
        "starting after ingest-log sequence (\\d+) \\(stored up to (\\d+)\\)").matcher(out);
    long replayedFrom = -1;
    long storedUpTo = -1;
    while (restart.find()) {
      replayedFrom = Long.parseLong(restart.group(1));
      storedUpTo = Long.parseLong(restart.group(2));
    }
    assertThat(replayedFrom).as("the restart re-read entries whose spans were held at the kill").isLessThan(storedUpTo);
  }

  private void crashAndCheck(String... flags) throws Exception {
    extraFlags = List.of(flags);
    httpPort = freePort();
    otlpPort = freePort();
    Process first = startServer();
    awaitReady();
    List<Thread> clients = new ArrayList<>();
    long stopAt = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    for (int i = 0; i < 4; i++) {
      Thread t = new Thread(() -> sendUntil(stopAt));
      t.start();
      clients.add(t);
    }
    TestServer.await("some acknowledged traffic", () -> ackedTraces.size() >= 300 && ackedLogs.size() >= 100);
    first.destroyForcibly().waitFor(); // SIGKILL while the clients are still sending
    for (Thread t : clients) {
      t.join();
    }

    Process second = startServer();
    try {
      awaitReady();
      TestServer.await("the replayed log to be stored", this::caughtUp);
      TestServer.await("held spans to be decided", () -> !metricsText().contains("sightline_tail_sampling_buffered_spans")
          || metricsText().contains("sightline_tail_sampling_buffered_spans{processor=\"tail_sampling\"} 0\n"));
      TestServer.await("the released spans to be stored", this::caughtUp);
      for (long trace : ackedTraces) {
        JsonNode t = getJson("/api/v1/traces/" + hex(trace));
        assertThat(t.get("spans")).as("spans of trace %d", trace).hasSize(SPANS_PER_TRACE);
      }
      for (long trace : ackedLogs) {
        JsonNode logs = getJson("/api/v1/logs?start=0&limit=5000&traceId=" + hex(trace));
        assertThat(logs.get("logs")).as("logs of trace %d", trace).hasSize(LOGS_PER_TRACE);
      }
      JsonNode series = getJson("/api/v1/metrics/series?start=0&limit=10000&match[]=crash_test_requests");
      Map<String, Integer> pointsPerRequest = new HashMap<>();
      for (JsonNode s : series.get("series")) {
        pointsPerRequest.merge(s.get("labels").get("request").asText(), s.get("points").size(), Integer::sum);
      }
      for (long trace : ackedPoints) {
        assertThat(pointsPerRequest.get(Long.toString(trace))).as("points of request %d", trace).isEqualTo(1);
      }
      assertThat(pointsPerRequest.values()).allMatch(n -> n == 1);
    } finally {
      second.destroy();
      second.waitFor();
    }
  }

  private void sendUntil(long stopAt) {
    while (System.nanoTime() < stopAt) {
      long id = nextTrace.getAndIncrement();
      if (!post("/v1/traces", traces(id))) {
        return; // the server is gone
      }
      ackedTraces.add(id);
      if (post("/v1/logs", logs(id))) {
        ackedLogs.add(id);
      }
      if (post("/v1/metrics", metrics(id))) {
        ackedPoints.add(id);
      }
    }
  }

  private boolean post(String path, byte[] body) {
    try {
      HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + otlpPort + path))
          .header("Content-Type", "application/x-protobuf").timeout(Duration.ofSeconds(10))
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding());
      return r.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String hex(long trace) {
    return String.format("%016x%016x", 0xc0ffeeL, trace);
  }

  private static ByteString traceId(long trace) {
    return ByteString.copyFrom(ByteBuffer.allocate(16).putLong(0xc0ffeeL).putLong(trace).array());
  }

  private static Resource resource() {
    return Resource.newBuilder().addAttributes(KeyValue.newBuilder().setKey("service.name")
        .setValue(AnyValue.newBuilder().setStringValue("crash-test"))).build();
  }

  private static byte[] traces(long trace) {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    for (int i = 1; i <= SPANS_PER_TRACE; i++) {
      scope.addSpans(Span.newBuilder().setTraceId(traceId(trace))
          .setSpanId(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(trace * 16 + i).array()))
          .setName("op-" + i).setStartTimeUnixNano(T0 + trace).setEndTimeUnixNano(T0 + trace + 1000));
    }
    return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
        .setResource(resource()).addScopeSpans(scope)).build().toByteArray();
  }

  private static byte[] logs(long trace) {
    ScopeLogs.Builder scope = ScopeLogs.newBuilder();
    for (int i = 0; i < LOGS_PER_TRACE; i++) {
      scope.addLogRecords(LogRecord.newBuilder().setTimeUnixNano(T0 + trace).setTraceId(traceId(trace))
          .setBody(AnyValue.newBuilder().setStringValue("line " + i + " of " + trace)));
    }
    return ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
        .setResource(resource()).addScopeLogs(scope)).build().toByteArray();
  }

  private static byte[] metrics(long trace) {
    NumberDataPoint point = NumberDataPoint.newBuilder().setTimeUnixNano(T0 + trace).setAsInt(trace)
        .addAttributes(KeyValue.newBuilder().setKey("request").setValue(AnyValue.newBuilder().setStringValue(Long.toString(trace))))
        .build();
    Metric metric = Metric.newBuilder().setName("crash_test_requests").setGauge(Gauge.newBuilder().addDataPoints(point)).build();
    return ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder()
        .setResource(resource()).addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(metric))).build().toByteArray();
  }

  private Process startServer() throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx1g",
        "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "--data.dir=" + data.resolve("data"), "--listen.address=127.0.0.1", "--otlp.grpc.port=0",
        "--otlp.http.port=" + otlpPort, "--http.port=" + httpPort, "--storage.memory.limit=512MB"));
    command.addAll(extraFlags);
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("server.out").toFile()))
        .start();
  }

  private void awaitReady() {
    TestServer.await("the server to be ready", () -> {
      try {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/ready")).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    });
  }

  private boolean caughtUp() {
    return metricsText().contains("sightline_pipeline_lag_entries 0\n");
  }

  private String metricsText() {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  private JsonNode getJson(String path) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path + " -> " + r.body()).isEqualTo(200);
    return TestServer.JSON.readTree(r.body());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
