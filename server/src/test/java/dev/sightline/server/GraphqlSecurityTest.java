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
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GraphQL with authentication on: each tenant's key sees its own data only, each field needs the
 * permission of its signal (a role without read:logs gets an error for logs and data for traces),
 * classified values are masked as in REST and showing restricted ones is audited.
 */
class GraphqlSecurityTest {
  private static final String ADMIN = "graphql-security-test-admin";
  private static final long NOW = System.currentTimeMillis() * 1_000_000L;
  private static final Map<String, byte[]> TRACES = Map.of("acme", traceId(501), "globex", traceId(502));
  private static final Map<String, String> KEYS = new HashMap<>();
  private static final Map<String, String> KEY_IDS = new HashMap<>();
  @TempDir static Path dir;
  static TestServer server;

  static final String EVERYTHING = """
      query All($id: ID!) {
        services
        traces(search: {service: "checkout"}) { edges { node { traceId } } }
        trace(id: $id) { spans { name attributes { key value } } logs { body } }
        logs(search: {service: "checkout"}) { edges { node { body attributes { key value } } } }
        metrics { instant(query: "payments_in_flight") { series { labels { name value } points { value } } } }
      }
      """;

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
          tracer: ["read:traces", "read:metrics"]
          logreader: ["read:logs"]
        """);
    server = new TestServer(dir.resolve("data"), "--config=" + config, "--auth.enabled=true", "--auth.admin.key=" + ADMIN);
    for (String tenant : TRACES.keySet()) {
      for (String role : new String[] {"operator", "viewer", "tracer", "logreader"}) {
        key(tenant, role);
      }
      send(tenant);
    }
    TestServer.await("both tenants' data", () -> TRACES.keySet().stream().allMatch(t -> {
      JsonNode answer = client(t + "/operator").query(EVERYTHING, Map.of("id", hex(TRACES.get(t))));
      return answer.toString().contains(t + "-secret-value") && answer.get("data").get("logs").get("edges").size() == 1
          && answer.get("data").get("metrics").get("instant").get("series").size() == 1;
    }));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static void key(String tenant, String role) throws Exception {
    HttpResponse<String> r = server.http.send(HttpRequest.newBuilder(URI.create(server.api() + "/api/v1/keys"))
        .header("Authorization", "Bearer " + ADMIN).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"" + tenant + " " + role + "\", \"role\": \"" + role
            + "\", \"tenant\": \"" + tenant + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    JsonNode created = TestServer.JSON.readTree(r.body());
    KEYS.put(tenant + "/" + role, created.get("key").asText());
    KEY_IDS.put(tenant + "/" + role, created.get("details").get("id").asText());
  }

  /** A trace, a log line and a metric of checkout, each with the tenant's secret and its owner's e-mail address. */
  private static void send(String tenant) {
    String email = tenant + "-owner@example.com";
    String secret = tenant + "-secret-value";
    String writer = KEYS.get(tenant + "/operator");
    ExportTraceServiceRequest spans = ExportTraceServiceRequest.newBuilder().addResourceSpans(resourceSpans("checkout",
        span(TRACES.get(tenant), 1, "POST /pay").addAttributes(attr("user.email", email)).addAttributes(attr("customer.tier", secret))
            .addAttributes(attr("session.token", tenant + "-tok-secret")))).build();
    ExportLogsServiceRequest logs = ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
        .setResource(Resource.newBuilder().addAttributes(attr("service.name", "checkout")))
        .addScopeLogs(ScopeLogs.newBuilder().addLogRecords(LogRecord.newBuilder().setTimeUnixNano(NOW)
            .setTraceId(ByteString.copyFrom(TRACES.get(tenant)))
            .setBody(AnyValue.newBuilder().setStringValue("payment by " + email + " for " + secret))))).build();
    ExportMetricsServiceRequest metrics = ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder()
        .setResource(Resource.newBuilder().addAttributes(attr("service.name", "checkout")))
        .addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(Metric.newBuilder().setName("payments_in_flight")
            .setGauge(Gauge.newBuilder().addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(NOW).setAsDouble(1)
                .addAttributes(attr("user.email", email)).addAttributes(attr("tier", secret))))))).build();
    for (var request : Map.of("/v1/traces", spans.toByteArray(), "/v1/logs", logs.toByteArray(),
        "/v1/metrics", metrics.toByteArray()).entrySet()) {
      HttpResponse<String> r = server.post(server.otlpHttp() + request.getKey(), "application/x-protobuf", request.getValue(),
          "Authorization", "Bearer " + writer);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
  }

  private static GraphqlClient client(String tenantAndRole) {
    return new GraphqlClient(server, tenantAndRole.equals("admin") ? ADMIN : KEYS.get(tenantAndRole));
  }

  @Test
  void eachTenantSeesItsOwnDataOnly() {
    for (String tenant : TRACES.keySet()) {
      String other = tenant.equals("acme") ? "globex" : "acme";
      JsonNode answer = client(tenant + "/operator").query(EVERYTHING, Map.of("id", hex(TRACES.get(tenant))));
      assertThat(answer.has("errors")).as(answer.toString()).isFalse();
      assertThat(answer.toString()).contains(tenant + "-secret-value").doesNotContain(other + "-secret-value")
          .doesNotContain(other + "-owner");
      JsonNode data = answer.get("data");
      assertThat(data.get("traces").get("edges")).singleElement()
          .satisfies(e -> assertThat(e.get("node").get("traceId").asText()).isEqualTo(hex(TRACES.get(tenant))));
      assertThat(data.get("trace").get("logs")).hasSize(1);
      JsonNode theirs = client(tenant + "/operator").data("query($id: ID!) { trace(id: $id) { traceId } }",
          Map.of("id", hex(TRACES.get(other))));
      assertThat(theirs.get("trace").isNull()).as("another tenant's trace is not found").isTrue();
    }
  }

  @Test
  void operatorAdminsChooseTheTenantWithTheHeader() throws Exception {
    HttpResponse<String> r = server.http.send(HttpRequest.newBuilder(URI.create(server.api() + "/graphql"))
        .header("Authorization", "Bearer " + ADMIN).header("X-Scope-OrgID", "globex").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"{ logs { edges { node { body } } } }\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.body()).contains("payment by globex-owner@example.com").doesNotContain("acme-");
    HttpResponse<String> denied = server.http.send(HttpRequest.newBuilder(URI.create(server.api() + "/graphql"))
        .header("Authorization", "Bearer " + KEYS.get("acme/operator")).header("X-Scope-OrgID", "globex")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"{ services }\"}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(denied.statusCode()).isEqualTo(403);
  }

  @Test
  void aFieldTheRoleMayNotReadAnswersAnErrorAndTheOthersAnswer() {
    JsonNode answer = client("acme/tracer").query(EVERYTHING, Map.of("id", hex(TRACES.get("acme"))));
    JsonNode data = answer.get("data");
    assertThat(data.get("services").toString()).contains("checkout");
    assertThat(data.get("traces").get("edges")).hasSize(1);
    assertThat(data.get("trace").get("spans")).hasSize(1);
    assertThat(data.get("metrics").get("instant").get("series")).hasSize(1);
    assertThat(data.get("logs").isNull()).isTrue();
    assertThat(data.get("trace").get("logs").isNull()).as("a trace's logs are logs too").isTrue();
    String key = "key:" + KEY_IDS.get("acme/tracer");
    assertThat(answer.get("errors")).extracting(e -> e.get("message").asText()).containsExactlyInAnyOrder(
        "role tracer of " + key + " lacks read:logs for Trace.logs",
        "role tracer of " + key + " lacks read:logs for Query.logs");
    assertThat(answer.get("errors")).allSatisfy(e -> assertThat(e.get("extensions").get("code").asText()).isEqualTo("FORBIDDEN"));
    assertThat(answer.toString()).doesNotContain("payment by");
  }

  @Test
  void anyReadOpensTheDoorAndTheExplorerPageIsPublic() throws Exception {
    HttpResponse<String> logsOnly = client("acme/logreader").postRaw("application/json",
        "{\"query\": \"{ logs { edges { cursor } } services }\"}");
    assertThat(logsOnly.statusCode()).as("a logs-only role may use GraphQL for logs").isEqualTo(200);
    assertThat(logsOnly.body()).contains("\"logs\":{").contains("lacks read:traces for Query.services");
    HttpResponse<String> anonymous = new GraphqlClient(server, null).postRaw("application/json", "{\"query\": \"{ services }\"}");
    assertThat(anonymous.statusCode()).isEqualTo(401);
    GraphqlClient nobody = new GraphqlClient(server, null);
    assertThat(nobody.get("/graphql", "text/html").statusCode()).as("/graphql itself needs a credential").isEqualTo(401);
    HttpResponse<String> page = nobody.get("/graphql/explorer", "text/html");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("/graphql/explorer/explorer.js");
    assertThat(nobody.get("/graphql/explorer/explorer.js", "*/*").statusCode()).isEqualTo(200);
  }

  @Test
  void classifiedValuesAreMaskedForAViewerAndRestrictedOnesAuditedForAnAdmin() throws Exception {
    long audited = restrictedReadsAudited();
    String viewer = client("acme/viewer").query(EVERYTHING, Map.of("id", hex(TRACES.get("acme")))).toString();
    assertThat(viewer).doesNotContain("acme-owner@example.com").doesNotContain("acme-tok-secret")
        .contains("{\"key\":\"user.email\",\"value\":\"a***@example.com\"}").contains("payment by a***@example.com")
        .contains("{\"name\":\"user_email\",\"value\":\"a***@example.com\"}");
    assertThat(restrictedReadsAudited()).as("nothing restricted was shown").isEqualTo(audited);

    HttpResponse<String> r = server.http.send(HttpRequest.newBuilder(URI.create(server.api() + "/graphql"))
        .header("Authorization", "Bearer " + ADMIN).header("X-Scope-OrgID", "acme").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(TestServer.JSON.createObjectNode().put("query", EVERYTHING)
            .set("variables", TestServer.JSON.createObjectNode().put("id", hex(TRACES.get("acme")))).toString())).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.body()).contains("acme-owner@example.com").contains("acme-tok-secret");
    assertThat(restrictedReadsAudited()).as("one entry for the answer").isEqualTo(audited + 1);
  }

  private static long restrictedReadsAudited() throws Exception {
    HttpResponse<String> r = server.http.send(HttpRequest.newBuilder(URI.create(server.api() + "/api/v1/audit?action=query.restricted"))
        .header("Authorization", "Bearer " + ADMIN).build(), HttpResponse.BodyHandlers.ofString());
    return TestServer.JSON.readTree(r.body()).get("entries").size();
  }
}
