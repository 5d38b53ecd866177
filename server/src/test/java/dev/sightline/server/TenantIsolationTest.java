package dev.sightline.server;

import static dev.sightline.server.ProcessorsTest.attr;
import static dev.sightline.server.ProcessorsTest.hex;
import static dev.sightline.server.ProcessorsTest.resourceSpans;
import static dev.sightline.server.ProcessorsTest.span;
import static dev.sightline.server.ProcessorsTest.traceId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.linecorp.armeria.client.grpc.GrpcClients;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two tenants send the same service, operation, log stream and metric, each with its own secret
 * value; every query API answers each tenant's key with its own data only, a tenant's key cannot
 * name the other tenant, and only operator admins may act in another tenant.
 */
class TenantIsolationTest {
  private static final String ADMIN = "static-admin-key-for-tenant-tests";
  private static final long NOW = System.currentTimeMillis() * 1_000_000L;
  @TempDir static Path dir;
  static TestServer server;
  static final Map<String, String> KEYS = new java.util.HashMap<>();
  static final Map<String, byte[]> TRACES = Map.of("acme", traceId(101), "globex", traceId(202));

  @BeforeAll
  static void start() throws Exception {
    server = new TestServer(dir, "--auth.enabled=true", "--auth.admin.key=" + ADMIN);
    for (String tenant : TRACES.keySet()) {
      KEYS.put(tenant + "/operator", key(tenant, "operator"));
      KEYS.put(tenant + "/admin", key(tenant, "admin"));
      String writer = KEYS.get(tenant + "/operator");
      String secret = tenant + "-secret-value";
      byte[] trace = TRACES.get(tenant);
      ExportTraceServiceRequest spans = ExportTraceServiceRequest.newBuilder().addResourceSpans(resourceSpans("checkout",
          span(trace, 1, "POST /pay").addAttributes(attr("customer.tier", secret)))).build();
      assertThat(post("/v1/traces", spans.toByteArray(), writer).statusCode()).isEqualTo(200);
      ExportLogsServiceRequest logs = ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
          .setResource(Resource.newBuilder().addAttributes(attr("service.name", "checkout")))
          .addScopeLogs(ScopeLogs.newBuilder().addLogRecords(LogRecord.newBuilder().setTimeUnixNano(NOW)
              .setBody(AnyValue.newBuilder().setStringValue("payment accepted for " + secret))))).build();
      assertThat(post("/v1/logs", logs.toByteArray(), writer).statusCode()).isEqualTo(200);
      ExportMetricsServiceRequest metrics = ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder()
          .setResource(Resource.newBuilder().addAttributes(attr("service.name", "checkout")))
          .addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(Metric.newBuilder().setName("payments_in_flight")
              .setGauge(Gauge.newBuilder().addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(NOW)
                  .setAsDouble(tenant.equals("acme") ? 1 : 2).addAttributes(attr("tier", secret))))))).build();
      assertThat(post("/v1/metrics", metrics.toByteArray(), writer).statusCode()).isEqualTo(200);
    }
    TestServer.await("both tenants' data to be stored", () -> get("/metrics", ADMIN).body()
        .contains("sightline_pipeline_lag_entries 0\n") && get("/api/v1/logs?service=checkout", KEYS.get("globex/operator"))
        .body().contains("globex-secret-value"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String key(String tenant, String role) throws Exception {
    HttpResponse<String> r = server.http.send(HttpRequest.newBuilder(URI.create(server.api() + "/api/v1/keys"))
        .header("Authorization", "Bearer " + ADMIN).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"" + tenant + " " + role + "\", \"role\": \"" + role
            + "\", \"tenant\": \"" + tenant + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return TestServer.JSON.readTree(r.body()).get("key").asText();
  }

  private static HttpResponse<String> post(String path, byte[] body, String key) {
    return server.post(server.otlpHttp() + path, "application/x-protobuf", body, "Authorization", "Bearer " + key);
  }

  private static HttpResponse<String> get(String pathAndQuery, String key, String... headers) {
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.api() + pathAndQuery))
          .header("Authorization", "Bearer " + key);
      for (int i = 0; i < headers.length; i += 2) {
        b.header(headers[i], headers[i + 1]);
      }
      return server.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String body(String pathAndQuery, String key) {
    HttpResponse<String> r = get(pathAndQuery, key);
    assertThat(r.statusCode()).as(pathAndQuery + ": " + r.body()).isEqualTo(200);
    return r.body();
  }

  private static JsonNode json(String pathAndQuery, String key) throws Exception {
    return TestServer.JSON.readTree(body(pathAndQuery, key));
  }

  @Test
  void everyQueryApiAnswersWithTheCallersTenantOnly() throws Exception {
    String[] queries = {
      "/api/v1/services", "/api/v1/services/checkout/operations", "/api/v1/traces?service=checkout",
      "/api/v1/logs?service=checkout", "/api/v1/metrics/names", "/api/v1/metrics/labels/tier/values",
      "/api/v1/metrics/series?match[]=payments_in_flight", "/api/v1/query?query=payments_in_flight",
      "/api/v1/query_range?query=payments_in_flight&start=" + (NOW / 1_000_000_000L - 60) + "&end=" + (NOW / 1_000_000_000L + 60)
          + "&step=15", "/api/v1/series?match[]=payments_in_flight", "/api/v1/label/tier/values", "/api/v1/labels",
      "/api/v1/metadata"};
    for (String tenant : TRACES.keySet()) {
      String mine = tenant + "-secret-value";
      String theirs = (tenant.equals("acme") ? "globex" : "acme") + "-secret-value";
      String key = KEYS.get(tenant + "/operator");
      for (String q : queries) {
        assertThat(body(q, key)).as(tenant + " " + q).doesNotContain(theirs);
      }
      assertThat(json("/api/v1/services", key).get("services")).extracting(JsonNode::asText).contains("checkout");
      assertThat(json("/api/v1/traces?service=checkout", key).get("traces")).singleElement()
          .satisfies(t -> assertThat(t.get("traceId").asText()).isEqualTo(hex(TRACES.get(tenant))));
      assertThat(body("/api/v1/traces/" + hex(TRACES.get(tenant)), key)).contains(mine);
      assertThat(body("/api/v1/logs?service=checkout", key)).contains(mine);
      assertThat(body("/api/v1/label/tier/values", key)).contains(mine);
      JsonNode vector = json("/api/v1/query?query=payments_in_flight&time=" + (NOW / 1_000_000_000L + 1), key).get("data").get("result");
      assertThat(vector).singleElement().satisfies(s -> assertThat(s.get("value").get(1).asText())
          .isEqualTo(tenant.equals("acme") ? "1" : "2"));
    }
  }

  @Test
  void anotherTenantsTraceIsNotFound() {
    HttpResponse<String> r = get("/api/v1/traces/" + hex(TRACES.get("acme")), KEYS.get("globex/operator"));
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).doesNotContain("acme-secret-value");
  }

  @Test
  void aKeyCannotActInAnotherTenantThroughTheHeader() {
    HttpResponse<String> r = get("/api/v1/logs?service=checkout", KEYS.get("globex/admin"), "X-Scope-OrgID", "acme");
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("belongs to tenant 'globex'").doesNotContain("acme-secret-value");
    HttpResponse<String> write = server.post(server.otlpHttp() + "/v1/logs", "application/x-protobuf",
        ExportLogsServiceRequest.getDefaultInstance().toByteArray(), "Authorization", "Bearer " + KEYS.get("globex/operator"),
        "X-Scope-OrgID", "acme");
    assertThat(write.statusCode()).isEqualTo(403);
  }

  @Test
  void operatorAdminsMayActInAnyTenant() {
    assertThat(get("/api/v1/logs?service=checkout", ADMIN, "X-Scope-OrgID", "acme").body())
        .contains("acme-secret-value").doesNotContain("globex-secret-value");
    HttpResponse<String> invalid = get("/api/v1/logs", ADMIN, "X-Scope-OrgID", "../etc");
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(invalid.body()).contains("not a tenant name");
  }

  @Test
  void grpcIngestLandsInTheKeysTenant() {
    String acme = KEYS.get("acme/operator");
    TraceServiceGrpc.TraceServiceBlockingStub stub = GrpcClients.builder(server.otlpGrpc())
        .addHeader("authorization", "Bearer " + acme).build(TraceServiceGrpc.TraceServiceBlockingStub.class);
    byte[] trace = traceId(303);
    stub.export(ExportTraceServiceRequest.newBuilder().addResourceSpans(resourceSpans("grpc-only", span(trace, 1, "GET /")))
        .build());
    TestServer.await("the gRPC trace", () -> get("/api/v1/traces/" + hex(trace), acme).statusCode() == 200);
    assertThat(get("/api/v1/traces/" + hex(trace), KEYS.get("globex/operator")).statusCode()).isEqualTo(404);
    TraceServiceGrpc.TraceServiceBlockingStub other = GrpcClients.builder(server.otlpGrpc())
        .addHeader("authorization", "Bearer " + acme).addHeader("x-scope-orgid", "globex")
        .build(TraceServiceGrpc.TraceServiceBlockingStub.class);
    assertThatThrownBy(() -> other.export(ExportTraceServiceRequest.getDefaultInstance()))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
  }

  @Test
  void tenantAdminsManageTheirOwnKeysAndAuditOnly() throws Exception {
    String globexAdmin = KEYS.get("globex/admin");
    JsonNode keys = json("/api/v1/keys", globexAdmin).get("keys");
    assertThat(keys).isNotEmpty().allSatisfy(k -> assertThat(k.get("tenant").asText()).isEqualTo("globex"));
    assertThat(json("/api/v1/keys", ADMIN).get("keys")).extracting(k -> k.get("tenant").asText()).contains("acme", "globex");
    HttpResponse<String> foreign = server.http.send(HttpRequest.newBuilder(URI.create(server.api() + "/api/v1/keys"))
        .header("Authorization", "Bearer " + globexAdmin).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"x\", \"role\": \"viewer\", \"tenant\": \"acme\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(foreign.statusCode()).isEqualTo(403);
    JsonNode audit = json("/api/v1/audit", globexAdmin).get("entries");
    assertThat(audit).allSatisfy(e -> assertThat(e.get("tenant").asText()).isEqualTo("globex"));
    assertThat(get("/api/v1/audit/export", globexAdmin).statusCode()).isEqualTo(403);
    HttpResponse<String> system = get("/api/v1/notifications/config", globexAdmin);
    assertThat(system.statusCode()).isEqualTo(403);
    assertThat(system.body()).contains("only admins of tenant 'default'");
    assertThat(get("/api/v1/silences", KEYS.get("globex/operator")).statusCode()).isEqualTo(403);
  }

  private static HttpResponse<String> putRules(String name, String yaml, String key) throws Exception {
    return server.http.send(HttpRequest.newBuilder(URI.create(server.api() + "/api/v1/rules/files/" + name))
        .header("Authorization", "Bearer " + key).header("Content-Type", "application/yaml")
        .PUT(HttpRequest.BodyPublishers.ofString(yaml)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void eachTenantsRulesReadItsOwnDataAndAreSeenByItAlone() throws Exception {
    String globex = KEYS.get("globex/operator");
    String acme = KEYS.get("acme/operator");
    HttpResponse<String> put = putRules("payments.yml", """
        groups:
          - name: payments
            interval: 1s
            rules:
              - alert: PaymentsInFlight
                expr: payments_in_flight > 1
        """, globex);
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    assertThat(put.body()).contains("api/tenants/globex/payments.yml");
    TestServer.await("globex's alert", () -> get("/api/v1/alerts", globex).body().contains("PaymentsInFlight"));
    assertThat(body("/api/v1/alerts", globex)).contains("globex-secret-value");
    assertThat(body("/api/v1/alerts", acme)).doesNotContain("PaymentsInFlight");
    assertThat(body("/api/v1/rules", acme)).doesNotContain("payments");
    assertThat(body("/api/v1/rules/files", acme)).doesNotContain("globex");
    assertThat(body("/api/v1/rules/files", globex)).contains("api/tenants/globex/payments.yml")
        .doesNotContain("sightline-defaults");
    HttpResponse<String> foreign = putRules("steal.yml", "groups: [{name: x, tenant: acme, rules: []}]\n", globex);
    assertThat(foreign.statusCode()).isEqualTo(400);
    assertThat(foreign.body()).contains("holds that tenant's rules only");
  }
}
