package dev.sightline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Processors configured in YAML, exercised through the OTLP receiver and the query API. */
class ProcessorsTest {
  static final long NOW = System.currentTimeMillis() * 1_000_000L;
  @TempDir Path dir;

  static KeyValue attr(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }

  static Span.Builder span(byte[] traceId, long spanId, String name) {
    return Span.newBuilder().setTraceId(ByteString.copyFrom(traceId))
        .setSpanId(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(spanId).array())).setName(name)
        .setKind(Span.SpanKind.SPAN_KIND_SERVER).setStartTimeUnixNano(NOW - 5_000_000).setEndTimeUnixNano(NOW);
  }

  static ResourceSpans resourceSpans(String service, Span.Builder... spans) {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    for (Span.Builder s : spans) {
      scope.addSpans(s);
    }
    return ResourceSpans.newBuilder().setResource(Resource.newBuilder().addAttributes(attr("service.name", service)))
        .addScopeSpans(scope).build();
  }

  static void send(TestServer server, ResourceSpans... data) {
    HttpResponse<String> r = server.post(server.otlpHttp() + "/v1/traces", "application/x-protobuf",
        ExportTraceServiceRequest.newBuilder().addAllResourceSpans(List.of(data)).build().toByteArray());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  static byte[] traceId(long n) {
    return ByteBuffer.allocate(16).putLong(0x5eed).putLong(n).array();
  }

  static String hex(byte[] id) {
    return HexFormat.of().formatHex(id);
  }

  TestServer start(String yaml, String... flags) throws IOException {
    Path config = dir.resolve("sightline.yaml");
    Files.writeString(config, yaml);
    String[] all = new String[flags.length + 1];
    all[0] = "--config=" + config;
    System.arraycopy(flags, 0, all, 1, flags.length);
    return new TestServer(dir.resolve("data"), all);
  }

  static JsonNode onlySpan(TestServer server, byte[] traceId) {
    JsonNode spans = server.getJson("/api/v1/traces/" + hex(traceId)).get("spans");
    assertThat(spans).hasSize(1);
    return spans.get(0);
  }

  @Test
  void defaultPipelineMasksSecretsAndPersonalDataInSpansAndLogs() throws IOException {
    try (TestServer server = start("{}\n")) {
      byte[] trace = traceId(1);
      send(server, resourceSpans("shop", span(trace, 1, "login").addAttributes(attr("password", "hunter2"))
          .addAttributes(attr("user.email", "jane.doe@example.com")).addAttributes(attr("http.route", "/login"))
          .addAttributes(attr("payment.card", "4111 1111 1111 1111"))));
      ExportLogsServiceRequest logs = ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
          .setResource(Resource.newBuilder().addAttributes(attr("service.name", "shop")))
          .addScopeLogs(ScopeLogs.newBuilder().addLogRecords(LogRecord.newBuilder().setTimeUnixNano(NOW)
              .setTraceId(ByteString.copyFrom(trace))
              .setBody(AnyValue.newBuilder().setStringValue("order by jane.doe@example.com paid with 4111-1111-1111-1111 ok"))
              .addAttributes(attr("api_key", "sk_live_abc"))))).build();
      assertThat(server.post(server.otlpHttp() + "/v1/logs", "application/x-protobuf", logs.toByteArray()).statusCode()).isEqualTo(200);
      server.awaitStored();

      JsonNode attributes = onlySpan(server, trace).get("attributes");
      assertThat(attributes.get("password").asText()).isEqualTo("****");
      assertThat(attributes.get("user.email").asText()).isEqualTo("j***@example.com");
      assertThat(attributes.get("payment.card").asText()).endsWith("1111").doesNotContain("4111");
      assertThat(attributes.get("http.route").asText()).isEqualTo("/login");
      JsonNode log = server.getJson("/api/v1/traces/" + hex(trace)).get("logs").get(0);
      assertThat(log.get("body").asText()).startsWith("order by j***@example.com paid with ")
          .endsWith("1111 ok").doesNotContain("4111-1111");
      assertThat(log.get("attributes").get("api_key").asText()).isEqualTo("****");
      assertThat(server.get("/metrics").body()).contains("sightline_classified_values_total{processor=\"classify\",class=\"confidential\",action=\"mask\"} 1");
      assertThat(server.post(server.api() + "/api/v1/pipelines/rerun?signal=traces&processors=classify", "application/json",
          new byte[0]).statusCode()).as("off unless enabled").isEqualTo(403);
    }
  }

  @Test
  void encryptedFieldsDecryptWithTheirKeyVersionAfterARotation() throws IOException {
    String yaml = """
        processors:
          classify: {actions: {confidential: encrypt}, rotation: 90d}
        pipelines:
          traces: [classify]
        """;
    Path config = dir.resolve("sightline.yaml");
    Files.writeString(config, yaml);
    java.time.Instant t0 = java.time.Instant.parse("2026-01-01T00:00:00Z");
    String before;
    try (TestServer server = new TestServer(dir.resolve("data"), java.time.Clock.fixed(t0, java.time.ZoneOffset.UTC),
        "--config=" + config, "--api.decrypt.enabled=true")) {
      send(server, resourceSpans("vault", span(traceId(10), 1, "store").addAttributes(attr("db.password", "s3cret-one"))));
      server.awaitStored();
      before = onlySpan(server, traceId(10)).get("attributes").get("db.password").asText();
      assertThat(before).startsWith("enc:v1:").doesNotContain("s3cret");
    }
    java.time.Instant later = t0.plus(java.time.Duration.ofDays(91));
    try (TestServer server = new TestServer(dir.resolve("data"), java.time.Clock.fixed(later, java.time.ZoneOffset.UTC),
        "--config=" + config, "--api.decrypt.enabled=true")) {
      send(server, resourceSpans("vault", span(traceId(11), 1, "store").addAttributes(attr("db.password", "s3cret-two"))));
      server.awaitStored();
      String after = onlySpan(server, traceId(11)).get("attributes").get("db.password").asText();
      assertThat(after).startsWith("enc:v2:");
      assertThat(decrypt(server, before)).isEqualTo("s3cret-one");
      assertThat(decrypt(server, after)).isEqualTo("s3cret-two");
      HttpResponse<String> tampered = server.post(server.api() + "/api/v1/fields/decrypt", "application/json",
          ("{\"value\": \"" + after.substring(0, after.length() - 4) + "AAAA\"}").getBytes());
      assertThat(tampered.statusCode()).isEqualTo(400);
      assertThat(tampered.body()).contains("cannot decrypt");
    }
    String keystore = Files.readString(dir.resolve("data/keys/field-keys.json"));
    assertThat(keystore).contains("\"version\":1", "\"version\":2").doesNotContain("s3cret");
  }

  static String decrypt(TestServer server, String token) {
    HttpResponse<String> r = server.post(server.api() + "/api/v1/fields/decrypt", "application/json",
        ("{\"value\": \"" + token + "\"}").getBytes());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    try {
      return TestServer.JSON.readTree(r.body()).get("value").asText();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void attributesAndResourceProcessorsTransformAndEnrich() throws IOException {
    String yaml = """
        processors:
          resource: {attributes: {deployment.environment.name: production, cloud.region: eu-west-1}}
          attributes/strip:
            actions:
              - {action: delete, key: http.request.header.cookie}
              - {action: rename, key: legacy.user, to: user.id}
              - {action: hash, pattern: "^user\\\\.id$", salt: pepper}
              - {action: truncate, key: db.statement, length: 10}
              - {action: upsert, key: team, value: payments}
          attributes/checkout-only:
            services: [checkout]
            actions: [{action: insert, key: tier, value: gold}]
        pipelines:
          traces: [resource, attributes/strip, attributes/checkout-only]
          metrics: [resource, attributes/strip]
        """;
    try (TestServer server = start(yaml)) {
      send(server, resourceSpans("checkout", span(traceId(20), 1, "pay")
              .addAttributes(attr("http.request.header.cookie", "session=abc")).addAttributes(attr("legacy.user", "u-42"))
              .addAttributes(attr("db.statement", "SELECT * FROM orders WHERE id = 1")).addAttributes(attr("team", "old"))),
          resourceSpans("cart", span(traceId(21), 1, "add")));
      server.awaitStored();
      JsonNode pay = onlySpan(server, traceId(20));
      JsonNode a = pay.get("attributes");
      assertThat(a.has("http.request.header.cookie")).isFalse();
      assertThat(a.has("legacy.user")).isFalse();
      assertThat(a.get("user.id").asText()).startsWith("sha256:").hasSize(7 + 64);
      assertThat(a.get("db.statement").asText()).isEqualTo("SELECT * F");
      assertThat(a.get("team").asText()).isEqualTo("payments");
      assertThat(a.get("tier").asText()).isEqualTo("gold");
      assertThat(onlySpan(server, traceId(21)).get("attributes").has("tier")).isFalse();
      JsonNode resource = pay.get("resource").get("attributes");
      assertThat(resource.get("deployment.environment.name").asText()).isEqualTo("production");
      assertThat(resource.get("deployment.environment").asText()).isEqualTo("production");
      assertThat(resource.get("cloud.region").asText()).isEqualTo("eu-west-1");

      ExportMetricsServiceRequest metrics = ExportMetricsServiceRequest.newBuilder().addResourceMetrics(
          ResourceMetrics.newBuilder().setResource(Resource.newBuilder().addAttributes(attr("service.name", "checkout")))
              .addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(Metric.newBuilder().setName("queue.depth")
                  .setGauge(Gauge.newBuilder().addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(NOW).setAsInt(7)
                      .addAttributes(attr("queue", "orders")).addAttributes(attr("db.statement", "SELECT 1 FROM dual"))
                      .addAttributes(attr("http.request.header.cookie", "c=1"))))))).build();
      assertThat(server.post(server.otlpHttp() + "/v1/metrics", "application/x-protobuf", metrics.toByteArray()).statusCode()).isEqualTo(200);
      server.awaitStored();
      JsonNode series = server.getJson("/api/v1/metrics/series?lookback=1h&match[]=" + TestServer.encode("queue.depth")).get("series");
      JsonNode point = series.get(0).get("points").get(0).get("attributes");
      assertThat(point.get("queue").asText()).isEqualTo("orders");
      assertThat(point.get("db.statement").asText()).isEqualTo("SELECT 1 F");
      assertThat(point.has("http.request.header.cookie")).isFalse();
      assertThat(series.get(0).get("labels").get("deployment.environment.name").asText()).isEqualTo("production");
    }
  }

  @Test
  void headSamplingKeepsWholeTracesAndSpanMetricsCountEverySpan() throws IOException {
    String yaml = """
        processors:
          spanmetrics: {}
          probabilistic_sampler: {percentage: 10}
        pipelines:
          traces: [spanmetrics, probabilistic_sampler]
        """;
    int traces = 600;
    try (TestServer server = start(yaml)) {
      Random random = new Random(7);
      for (int batch = 0; batch < traces / 100; batch++) {
        ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
        for (int i = 0; i < 100; i++) {
          byte[] id = new byte[16];
          random.nextBytes(id);
          request.addResourceSpans(resourceSpans("frontend", span(id, 1, "GET /")));
          request.addResourceSpans(resourceSpans("backend", span(id, 2, "query").setParentSpanId(
              ByteString.copyFrom(ByteBuffer.allocate(8).putLong(1).array()))));
        }
        assertThat(server.post(server.otlpHttp() + "/v1/traces", "application/x-protobuf",
            request.build().toByteArray()).statusCode()).isEqualTo(200);
      }
      server.awaitStored();
      JsonNode found = server.getJson("/api/v1/traces?limit=1000&lookback=1h").get("traces");
      assertThat(found.size()).isBetween(traces / 10 / 2, traces / 10 * 2);
      for (JsonNode t : found) {
        JsonNode spans = server.getJson("/api/v1/traces/" + t.get("traceId").asText()).get("spans");
        assertThat(spans).as("both services keep the trace").hasSize(2);
        assertThat(spans.get(0).get("traceState").asText()).startsWith("ot=th:");
        assertThat(spans.get(0).get("adjustedCount").asDouble()).isCloseTo(10.0, org.assertj.core.data.Offset.offset(0.001));
      }
      long calls = 0;
      JsonNode series = server.getJson("/api/v1/metrics/series?lookback=1h&match[]="
          + TestServer.encode("traces.span.metrics.calls")).get("series");
      for (JsonNode s : series) {
        for (JsonNode p : s.get("points")) {
          calls += p.get("value").asLong();
        }
      }
      assertThat(calls).as("span metrics count every span, sampled or not").isEqualTo(2L * traces);
      assertThat(server.get("/metrics").body()).contains("sightline_items_dropped_total{signal=\"traces\",tenant=\"default\",reason=\"probabilistic_sampler\"} "
          + (2L * traces - 2L * found.size()));
    }
  }

  @Test
  void serviceGraphPairsClientAndServerSpansAndNamesUninstrumentedPeers() throws IOException {
    String yaml = """
        processors:
          servicegraph: {wait: 200ms}
        pipelines:
          traces: [servicegraph]
        """;
    try (TestServer server = start(yaml)) {
      for (int i = 0; i < 3; i++) {
        byte[] trace = traceId(300 + i);
        Span.Builder root = span(trace, 1, "GET /checkout");
        Span.Builder call = span(trace, 2, "POST /orders").setKind(Span.SpanKind.SPAN_KIND_CLIENT)
            .setParentSpanId(root.getSpanId());
        send(server, resourceSpans("frontend", root, call));
        Span.Builder handle = span(trace, 3, "POST /orders").setParentSpanId(call.getSpanId());
        if (i == 0) {
          handle.setStatus(io.opentelemetry.proto.trace.v1.Status.newBuilder()
              .setCode(io.opentelemetry.proto.trace.v1.Status.StatusCode.STATUS_CODE_ERROR));
        }
        Span.Builder query = span(trace, 4, "INSERT orders").setKind(Span.SpanKind.SPAN_KIND_CLIENT)
            .setParentSpanId(handle.getSpanId()).addAttributes(attr("db.system", "postgresql"));
        send(server, resourceSpans("checkout", handle, query));
      }
      TestServer.await("the database edges after the wait", () -> Long.valueOf(3).equals(
          edges(server, "traces_service_graph_request_total").get("checkout->postgresql/database")));
      server.awaitStored();
      java.util.Map<String, Long> requests = edges(server, "traces_service_graph_request_total");
      assertThat(requests).containsEntry("user->frontend/virtual_node", 3L).containsEntry("frontend->checkout/", 3L)
          .containsEntry("checkout->postgresql/database", 3L);
      assertThat(edges(server, "traces_service_graph_request_failed_total")).containsEntry("frontend->checkout/", 1L)
          .containsEntry("user->frontend/virtual_node", 0L);
    }
  }

  static java.util.Map<String, Long> edges(TestServer server, String metric) {
    java.util.Map<String, Long> out = new java.util.TreeMap<>();
    for (JsonNode s : server.getJson("/api/v1/metrics/series?lookback=1h&match[]=" + TestServer.encode(metric)).get("series")) {
      JsonNode l = s.get("labels");
      String edge = l.get("client").asText() + "->" + l.get("server").asText() + "/" + l.get("connection_type").asText();
      for (JsonNode p : s.get("points")) {
        out.merge(edge, p.get("value").asLong(), Long::sum);
      }
    }
    return out;
  }

  @Test
  void schemaTagsDropsAttributesOrRejectsByServiceAndRejectsStaleTimestamps() throws IOException {
    String yaml = """
        processors:
          schema:
            timestamps: {max_age: 1d, max_future: 5m, on_violation: reject}
            services:
              checkout:
                on_violation: tag
                attributes:
                  http.route: {required: true, type: string}
                  deployment.tier: {values: [gold, silver]}
              payments:
                on_violation: drop_attribute
                attributes:
                  amount: {type: double}
              ledger:
                on_violation: reject
                attributes:
                  account: {required: true}
        pipelines:
          traces: [schema]
        """;
    try (TestServer server = start(yaml)) {
      long twoDaysAgo = NOW - java.time.Duration.ofDays(2).toNanos();
      send(server,
          resourceSpans("checkout", span(traceId(401), 1, "pay").addAttributes(attr("deployment.tier", "bronze"))),
          resourceSpans("payments", span(traceId(402), 1, "charge").addAttributes(attr("amount", "12.50"))),
          resourceSpans("ledger", span(traceId(403), 1, "no account"), span(traceId(404), 1, "booked")
              .addAttributes(attr("account", "A-1"))),
          resourceSpans("checkout", span(traceId(405), 1, "old").addAttributes(attr("http.route", "/"))
              .setStartTimeUnixNano(twoDaysAgo).setEndTimeUnixNano(twoDaysAgo + 1_000)));
      server.awaitStored();
      assertThat(onlySpan(server, traceId(401)).get("attributes").get("sightline.schema.violations").asText())
          .isEqualTo("missing_required:http.route,value_not_allowed:deployment.tier");
      JsonNode charge = onlySpan(server, traceId(402)).get("attributes");
      assertThat(charge.has("amount")).isFalse();
      assertThat(charge.has("sightline.schema.violations")).isFalse();
      assertThat(server.get("/api/v1/traces/" + hex(traceId(403))).statusCode()).isEqualTo(404);
      assertThat(onlySpan(server, traceId(404)).get("name").asText()).isEqualTo("booked");
      assertThat(server.get("/api/v1/traces/" + hex(traceId(405))).statusCode()).isEqualTo(404);
      assertThat(server.get("/metrics").body())
          .contains("sightline_schema_violations_total{processor=\"schema\",service=\"ledger\",reason=\"missing_required\"} 1")
          .contains("sightline_schema_violations_total{processor=\"schema\",service=\"checkout\",reason=\"timestamp_too_old\"} 1")
          .contains("sightline_items_dropped_total{signal=\"traces\",tenant=\"default\",reason=\"schema\"} 2");
    }
  }

  static String podList(String label) {
    return """
        {"apiVersion": "v1", "kind": "List", "items": [
          {"metadata": {"name": "checkout-7d9f8b6c5d-x2k4p", "namespace": "shop", "uid": "uid-1",
                        "labels": {"app": "checkout", "track": "%s"},
                        "ownerReferences": [{"kind": "ReplicaSet", "name": "checkout-7d9f8b6c5d"}]},
           "spec": {"nodeName": "node-a"}, "status": {"podIP": "10.0.0.11"}},
          {"metadata": {"name": "db-0", "namespace": "data", "uid": "uid-2",
                        "ownerReferences": [{"kind": "StatefulSet", "name": "db"}]},
           "spec": {"nodeName": "node-b"}, "status": {"podIP": "10.0.0.12"}},
          {"metadata": {"name": "agent-x7", "namespace": "ops", "uid": "uid-3",
                        "ownerReferences": [{"kind": "DaemonSet", "name": "agent"}]},
           "spec": {"nodeName": "node-c"}, "status": {"podIP": "127.0.0.1"}}]}
        """.formatted(label);
  }

  @Test
  void kubernetesAttributesComeFromThePodListByUidOrIp() throws IOException {
    Path pods = dir.resolve("pods.json");
    Files.writeString(pods, podList("stable"));
    String yaml = """
        processors:
          k8s_attributes: {pods_file: %s, reload_every: 0s}
        pipelines:
          traces: [k8s_attributes]
        """.formatted(pods);
    try (TestServer server = start(yaml)) {
      ResourceSpans byUid = resourceSpans("checkout", span(traceId(501), 1, "pay")).toBuilder()
          .setResource(Resource.newBuilder().addAttributes(attr("service.name", "checkout")).addAttributes(attr("k8s.pod.uid", "uid-1"))).build();
      ResourceSpans byIp = resourceSpans("db", span(traceId(502), 1, "query")).toBuilder()
          .setResource(Resource.newBuilder().addAttributes(attr("service.name", "db")).addAttributes(attr("k8s.pod.ip", "10.0.0.12"))
              .addAttributes(attr("host.name", "given"))).build();
      send(server, byUid, byIp, resourceSpans("agent", span(traceId(504), 1, "scrape")));
      server.awaitStored();
      JsonNode byPeer = onlySpan(server, traceId(504)).get("resource").get("attributes");
      assertThat(byPeer.get("k8s.daemonset.name").asText()).as("found by the sender's address").isEqualTo("agent");
      assertThat(byPeer.get("host.name").asText()).isEqualTo("node-c");
      com.linecorp.armeria.client.grpc.GrpcClients.newClient(server.otlpGrpc(),
          io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc.TraceServiceBlockingStub.class)
          .export(ExportTraceServiceRequest.newBuilder().addResourceSpans(resourceSpans("agent", span(traceId(505), 1, "push"))).build());
      server.awaitStored();
      assertThat(onlySpan(server, traceId(505)).get("resource").get("attributes").get("k8s.pod.name").asText())
          .as("over gRPC too").isEqualTo("agent-x7");
      JsonNode r1 = onlySpan(server, traceId(501)).get("resource").get("attributes");
      assertThat(r1.get("k8s.pod.name").asText()).isEqualTo("checkout-7d9f8b6c5d-x2k4p");
      assertThat(r1.get("k8s.namespace.name").asText()).isEqualTo("shop");
      assertThat(r1.get("k8s.deployment.name").asText()).isEqualTo("checkout");
      assertThat(r1.get("k8s.node.name").asText()).isEqualTo("node-a");
      assertThat(r1.get("host.name").asText()).isEqualTo("node-a");
      assertThat(r1.get("k8s.pod.label.track").asText()).isEqualTo("stable");
      JsonNode r2 = onlySpan(server, traceId(502)).get("resource").get("attributes");
      assertThat(r2.get("k8s.statefulset.name").asText()).isEqualTo("db");
      assertThat(r2.get("host.name").asText()).as("what the data says stays").isEqualTo("given");

      Files.writeString(pods, podList("canary"));
      Files.setLastModifiedTime(pods, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));
      ResourceSpans again = byUid.toBuilder().setScopeSpans(0, byUid.getScopeSpans(0).toBuilder().setSpans(0,
          span(traceId(503), 1, "pay"))).build();
      send(server, again);
      server.awaitStored();
      assertThat(onlySpan(server, traceId(503)).get("resource").get("attributes").get("k8s.pod.label.track").asText())
          .as("the pod list is read again when it changes").isEqualTo("canary");
    }
  }

  @Test
  void batchModeAppliesANewMaskingRuleToStoredSpansAndLogs() throws IOException {
    String yaml = """
        processors:
          classify/strict:
            rules: [{class: restricted, key: "session"}]
        pipelines:
          traces: []
          logs: []
        """;
    try (TestServer server = start(yaml, "--api.rerun.enabled=true")) {
      byte[] trace = traceId(601);
      send(server, resourceSpans("web", span(trace, 1, "GET /").addAttributes(attr("session.id", "s-123"))
          .addAttributes(attr("http.route", "/"))), resourceSpans("web", span(traceId(602), 1, "GET /ok")));
      ExportLogsServiceRequest logs = ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
          .setResource(Resource.newBuilder().addAttributes(attr("service.name", "web")))
          .addScopeLogs(ScopeLogs.newBuilder().addLogRecords(LogRecord.newBuilder().setTimeUnixNano(NOW)
              .setTraceId(ByteString.copyFrom(trace)).setBody(AnyValue.newBuilder().setStringValue("mail to bob@example.net"))))).build();
      assertThat(server.post(server.otlpHttp() + "/v1/logs", "application/x-protobuf", logs.toByteArray()).statusCode()).isEqualTo(200);
      server.awaitStored();
      assertThat(onlySpan(server, trace).get("attributes").get("session.id").asText()).isEqualTo("s-123");

      JsonNode dry = rerun(server, "signal=traces&processors=classify/strict&lookback=1h&dryRun=true", 200);
      assertThat(dry.get("examined").asLong()).isEqualTo(2);
      assertThat(dry.get("changed").asLong()).isEqualTo(1);
      assertThat(onlySpan(server, trace).get("attributes").get("session.id").asText()).isEqualTo("s-123");

      JsonNode done = rerun(server, "signal=traces&processors=classify/strict&lookback=1h", 200);
      assertThat(done.get("changed").asLong()).isEqualTo(1);
      JsonNode attributes = onlySpan(server, trace).get("attributes");
      assertThat(attributes.get("session.id").asText()).isEqualTo("****");
      assertThat(attributes.get("http.route").asText()).isEqualTo("/");
      assertThat(rerun(server, "signal=traces&processors=classify/strict&lookback=1h", 200).get("changed").asLong())
          .as("a second run finds nothing left to change").isZero();

      assertThat(rerun(server, "signal=logs&processors=classify/strict&lookback=1h", 200).get("changed").asLong()).isEqualTo(1);
      JsonNode log = server.getJson("/api/v1/traces/" + hex(trace)).get("logs").get(0);
      assertThat(log.get("body").asText()).isEqualTo("mail to b***@example.net");

      assertThat(rerun(server, "signal=traces&processors=nope&lookback=1h", 400).get("error").asText()).contains("'nope' is not declared");
      assertThat(rerun(server, "signal=metrics&processors=classify/strict", 400).get("error").asText()).contains("signal");
    }
  }

  static JsonNode rerun(TestServer server, String query, int status) {
    HttpResponse<String> r = server.post(server.api() + "/api/v1/pipelines/rerun?" + query, "application/json", new byte[0]);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    try {
      return TestServer.JSON.readTree(r.body());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
