package dev.sightline.server;

import static dev.sightline.server.ProcessorsTest.attr;
import static dev.sightline.server.ProcessorsTest.hex;
import static dev.sightline.server.ProcessorsTest.resourceSpans;
import static dev.sightline.server.ProcessorsTest.span;
import static dev.sightline.server.ProcessorsTest.traceId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Values the pipeline classified but kept are masked at query time for roles without the data
 * class's read permission, shown to those with it, and showing restricted values is audited.
 */
class QueryMaskingTest {
  private static final String ADMIN = "masking-test-admin";
  private static final byte[] TRACE = traceId(77);
  @TempDir static Path dir;
  static TestServer server;
  static String viewer;
  static String support;

  @BeforeAll
  static void start() throws Exception {
    Path config = dir.resolve("sightline.yaml");
    Files.writeString(config, """
        processors:
          classify:
            actions: {personal: keep, confidential: keep, restricted: keep}
            rules: [{class: restricted, key: "^session\\\\.token$"}]
        pipelines:
          traces: [classify]
          logs: [classify]
        roles:
          support: ["read:*", "read:personal"]
        """);
    server = new TestServer(dir.resolve("data"), "--config=" + config, "--auth.enabled=true", "--auth.admin.key=" + ADMIN);
    viewer = key("viewer");
    support = key("support");
    ExportTraceServiceRequest spans = ExportTraceServiceRequest.newBuilder().addResourceSpans(resourceSpans("shop",
        span(TRACE, 1, "login").addAttributes(attr("user.email", "jane.doe@example.com"))
            .addAttributes(attr("session.token", "tok-8842-secret")).addAttributes(attr("http.route", "/login")))).build();
    ExportLogsServiceRequest logs = ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
        .setResource(Resource.newBuilder().addAttributes(attr("service.name", "shop")))
        .addScopeLogs(ScopeLogs.newBuilder().addLogRecords(LogRecord.newBuilder()
            .setTimeUnixNano(System.currentTimeMillis() * 1_000_000L).setTraceId(ByteString.copyFrom(TRACE))
            .setBody(AnyValue.newBuilder().setStringValue("login by jane.doe@example.com from the web"))))).build();
    assertThat(server.post(server.otlpHttp() + "/v1/traces", "application/x-protobuf", spans.toByteArray(),
        "Authorization", "Bearer " + ADMIN).statusCode()).isEqualTo(200);
    assertThat(server.post(server.otlpHttp() + "/v1/logs", "application/x-protobuf", logs.toByteArray(),
        "Authorization", "Bearer " + ADMIN).statusCode()).isEqualTo(200);
    io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest metrics =
        io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest.newBuilder().addResourceMetrics(
            io.opentelemetry.proto.metrics.v1.ResourceMetrics.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(attr("service.name", "shop")))
                .addScopeMetrics(io.opentelemetry.proto.metrics.v1.ScopeMetrics.newBuilder().addMetrics(
                    io.opentelemetry.proto.metrics.v1.Metric.newBuilder().setName("logins_in_flight").setGauge(
                        io.opentelemetry.proto.metrics.v1.Gauge.newBuilder().addDataPoints(
                            io.opentelemetry.proto.metrics.v1.NumberDataPoint.newBuilder()
                                .setTimeUnixNano(System.currentTimeMillis() * 1_000_000L).setAsDouble(1)
                                .addAttributes(attr("user.email", "jane.doe@example.com"))))))).build();
    assertThat(server.post(server.otlpHttp() + "/v1/metrics", "application/x-protobuf", metrics.toByteArray(),
        "Authorization", "Bearer " + ADMIN).statusCode()).isEqualTo(200);
    TestServer.await("the trace and its log", () -> get("/api/v1/traces/" + hex(TRACE), ADMIN).body().contains("login by"));
    TestServer.await("the metric", () -> get("/api/v1/query?query=logins_in_flight", ADMIN).body().contains("jane.doe"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String key(String role) throws Exception {
    HttpResponse<String> r = server.http.send(HttpRequest.newBuilder(URI.create(server.api() + "/api/v1/keys"))
        .header("Authorization", "Bearer " + ADMIN).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"" + role + "\", \"role\": \"" + role + "\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return TestServer.JSON.readTree(r.body()).get("key").asText();
  }

  private static HttpResponse<String> get(String path, String key) {
    try {
      return server.http.send(HttpRequest.newBuilder(URI.create(server.api() + path)).header("Authorization", "Bearer " + key)
          .build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode trace(String key) throws Exception {
    HttpResponse<String> r = get("/api/v1/traces/" + hex(TRACE), key);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return TestServer.JSON.readTree(r.body());
  }

  private static long restrictedQueriesAudited() throws Exception {
    return TestServer.JSON.readTree(get("/api/v1/audit?action=query.restricted", ADMIN).body()).get("entries").size();
  }

  @Test
  void viewersSeeClassifiedValuesMasked() throws Exception {
    long audited = restrictedQueriesAudited();
    JsonNode t = trace(viewer);
    JsonNode attributes = t.get("spans").get(0).get("attributes");
    assertThat(attributes.get("user.email").asText()).isEqualTo("j***@example.com");
    assertThat(attributes.get("session.token").asText()).doesNotContain("8842").doesNotContain("secret");
    assertThat(attributes.get("http.route").asText()).isEqualTo("/login");
    assertThat(t.get("logs").get(0).get("body").asText()).isEqualTo("login by j***@example.com from the web");
    assertThat(get("/api/v1/logs?service=shop", viewer).body()).doesNotContain("jane.doe").contains("j***@example.com");
    assertThat(get("/api/v1/query?query=logins_in_flight", viewer).body()).doesNotContain("jane.doe").contains("j***@example.com");
    assertThat(get("/api/v1/series?match[]=logins_in_flight", viewer).body()).doesNotContain("jane.doe");
    assertThat(get("/api/v1/label/user_email/values", viewer).body()).doesNotContain("jane.doe");
    assertThat(restrictedQueriesAudited()).as("nothing restricted was shown").isEqualTo(audited);
  }

  @Test
  void aRoleWithReadPersonalSeesPersonalButNotRestrictedValues() throws Exception {
    JsonNode attributes = trace(support).get("spans").get(0).get("attributes");
    assertThat(attributes.get("user.email").asText()).isEqualTo("jane.doe@example.com");
    assertThat(attributes.get("session.token").asText()).doesNotContain("8842");
  }

  @Test
  void adminsSeeEverythingAndTheirReadOfRestrictedDataIsAudited() throws Exception {
    long audited = restrictedQueriesAudited();
    JsonNode attributes = trace(ADMIN).get("spans").get(0).get("attributes");
    assertThat(attributes.get("session.token").asText()).isEqualTo("tok-8842-secret");
    assertThat(attributes.get("user.email").asText()).isEqualTo("jane.doe@example.com");
    JsonNode entries = TestServer.JSON.readTree(get("/api/v1/audit?action=query.restricted", ADMIN).body()).get("entries");
    assertThat(entries.size()).isEqualTo(audited + 1);
    assertThat(entries.get(0).get("actor").asText()).isEqualTo("static-admin");
    assertThat(entries.get(0).get("target").asText()).isEqualTo("GET /api/v1/traces/" + hex(TRACE));
  }
}
