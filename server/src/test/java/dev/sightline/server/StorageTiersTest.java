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
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through the server's public interfaces, with the cold tier and the archive in a real S3 API
 * server (s3proxy): a trace, its log record and a gauge move hot → warm → cold → archive as the
 * clock advances, and the trace API, log search and PromQL find them at each step; the archive
 * after a restore, which the answers say is needed before it.
 */
class StorageTiersTest {
  static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final Instant WRITTEN = Instant.parse("2026-03-01T12:00:00Z");
  @TempDir Path dir;

  @Test
  void dataMovesThroughEveryTierAndTheApisFindIt() throws Exception {
    MutableClock clock = new MutableClock(WRITTEN.plus(Duration.ofMinutes(5)));
    try (S3Proxy s3 = new S3Proxy(dir.resolve("s3"));
        TestServer server = new TestServer(dir.resolve("data"), clock, "--tiers.interval=0", "--tiers.grace=0",
            "--tiers.s3.endpoint=" + s3.endpoint(), "--tiers.s3.bucket=sightline-tiers",
            "--tiers.s3.access.key=" + S3Proxy.ACCESS_KEY, "--tiers.s3.secret.key=" + S3Proxy.SECRET_KEY,
            "--retention.metrics.hot=7d", "--retention.metrics.warm=30d", "--retention.metrics.cold=365d",
            "--retention.metrics.archive=2555d")) {
      send(server);
      TestServer.await("the trace is stored", () -> server.get("/api/v1/traces/" + TRACE).statusCode() == 200);
      TestServer.await("the gauge is stored", () -> gaugeValues(server).size() == 1);
      assertFound(server, "hot");

      clock.advance(Duration.ofDays(8));
      assertThat(lifecycle(server)).isGreaterThanOrEqualTo(4);
      assertFound(server, "warm");

      clock.advance(Duration.ofDays(30));
      assertThat(lifecycle(server)).isGreaterThanOrEqualTo(4);
      assertFound(server, "cold");
      JsonNode tiers = server.getJson("/api/v1/tiers");
      assertThat(tiers.toString()).contains("\"tier\":\"cold\",\"signal\":\"traces\",\"files\":1");

      clock.advance(Duration.ofDays(365));
      assertThat(lifecycle(server)).isGreaterThanOrEqualTo(4);
      var missing = server.get("/api/v1/traces/" + TRACE);
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(missing.body()).contains("is not restored");
      JsonNode query = server.getJson("/api/v1/query?query=tier_gauge&time=" + WRITTEN.getEpochSecond());
      assertThat(query.get("warnings").toString()).contains("is not restored");
      JsonNode bundles = server.getJson("/api/v1/archive").get("bundles");
      assertThat(bundles).hasSizeGreaterThanOrEqualTo(3);
      for (JsonNode b : bundles) {
        var restored = server.post(server.api() + "/api/v1/archive/" + b.get("id").asText() + "/restore", "application/json", new byte[0]);
        assertThat(restored.statusCode()).as(restored.body()).isEqualTo(200);
        assertThat(restored.body()).contains("\"restored\":true");
      }
      assertFound(server, "archive");
      assertThat(server.post(server.api() + "/api/v1/archive/nope/restore", "application/json", new byte[0]).statusCode())
          .isEqualTo(404);
      assertThat(server.get("/metrics").body()).contains("sightline_tier_files_moved").contains("sightline_tier_bytes{");

      var refused = server.post(server.api() + "/api/v1/data/delete", "application/json", "{\"signals\": [\"traces\"]}".getBytes());
      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(refused.body()).contains("needs a selector");
      var deleted = server.post(server.api() + "/api/v1/data/delete", "application/json",
          "{\"signals\": [\"traces\", \"logs\"], \"service\": \"tiered\"}".getBytes());
      assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
      assertThat(TestServer.JSON.readTree(deleted.body()).get("removedByTier").get("archive").asLong()).isEqualTo(3);
      assertThat(server.get("/api/v1/traces/" + TRACE).statusCode()).isEqualTo(404);
      assertThat(server.get("/api/v1/audit?action=data.delete").body()).contains("service=tiered");
    }
  }

  private static void assertFound(TestServer server, String tier) {
    JsonNode trace = server.getJson("/api/v1/traces/" + TRACE);
    assertThat(trace.get("spans")).as("spans in " + tier).hasSize(2);
    assertThat(trace.get("logs")).as("the trace's log record in " + tier).hasSize(1);
    assertThat(trace.get("tiers").get("read").toString()).contains(tier);
    long from = WRITTEN.minus(Duration.ofHours(1)).getEpochSecond();
    long to = WRITTEN.plus(Duration.ofHours(1)).getEpochSecond();
    JsonNode search = server.getJson("/api/v1/traces?service=tiered&start=" + from + "&end=" + to);
    assertThat(search.get("traces")).as("traces found in " + tier).hasSize(1);
    JsonNode logs = server.getJson("/api/v1/logs?contains=paid&start=" + from + "&end=" + to);
    assertThat(logs.get("logs")).as("logs found in " + tier).hasSize(1);
    assertThat(logs.get("tiers").get("read").toString()).contains(tier);
    assertThat(gaugeValues(server)).as("samples in " + tier).hasSize(1);
  }

  private static JsonNode gaugeValues(TestServer server) {
    return server.getJson("/api/v1/query?query=tier_gauge&time=" + WRITTEN.getEpochSecond()).get("data").get("result");
  }

  private static int lifecycle(TestServer server) throws Exception {
    var r = server.post(server.api() + "/api/v1/tiers/lifecycle", "application/json", new byte[0]);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return TestServer.JSON.readTree(r.body()).get("moved").asInt();
  }

  static void send(TestServer server) {
    long t = WRITTEN.getEpochSecond() * 1_000_000_000L;
    ByteString trace = ByteString.copyFrom(HexFormat.of().parseHex(TRACE));
    Resource resource = Resource.newBuilder().addAttributes(KeyValue.newBuilder().setKey("service.name")
        .setValue(AnyValue.newBuilder().setStringValue("tiered"))).build();
    ExportTraceServiceRequest spans = ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
        .setResource(resource).addScopeSpans(ScopeSpans.newBuilder()
            .addSpans(Span.newBuilder().setTraceId(trace).setSpanId(ByteString.copyFrom(new byte[] {1, 1, 1, 1, 1, 1, 1, 1}))
                .setName("checkout").setStartTimeUnixNano(t).setEndTimeUnixNano(t + 50_000_000))
            .addSpans(Span.newBuilder().setTraceId(trace).setSpanId(ByteString.copyFrom(new byte[] {2, 2, 2, 2, 2, 2, 2, 2}))
                .setParentSpanId(ByteString.copyFrom(new byte[] {1, 1, 1, 1, 1, 1, 1, 1}))
                .setName("pay").setStartTimeUnixNano(t + 10_000_000).setEndTimeUnixNano(t + 40_000_000)))).build();
    ExportLogsServiceRequest logs = ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
        .setResource(resource).addScopeLogs(ScopeLogs.newBuilder().addLogRecords(LogRecord.newBuilder()
            .setTimeUnixNano(t + 20_000_000).setTraceId(trace).setBody(AnyValue.newBuilder().setStringValue("order paid"))))).build();
    ExportMetricsServiceRequest metrics = ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder()
        .setResource(resource).addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(Metric.newBuilder().setName("tier_gauge")
            .setGauge(Gauge.newBuilder().addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(t).setAsDouble(42)))))).build();
    for (var r : new Object[][] {{"/v1/traces", spans.toByteArray()}, {"/v1/logs", logs.toByteArray()},
        {"/v1/metrics", metrics.toByteArray()}}) {
      var answer = server.post(server.otlpHttp() + r[0], "application/x-protobuf", (byte[]) r[1]);
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }
  }
}
