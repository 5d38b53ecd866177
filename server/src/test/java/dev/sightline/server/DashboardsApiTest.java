package dev.sightline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Saved dashboards over HTTP: created, listed, read, replaced and deleted; bad bodies answered 400
 * naming the field; kept across a restart in the data directory; each tenant sees its own only;
 * reading needs read:metrics and changing write:reports, which /api/v1/whoami tells the UI.
 */
class DashboardsApiTest {
  private static final String ADMIN = "dashboards-test-admin-key";
  private static final String BODY = """
      {"title": "Checkout", "from": "now-6h", "to": "now",
       "variables": [{"name": "service", "label": "job", "metric": "traces_span_metrics_calls_total"}],
       "panels": [{"title": "Requests", "query": "sum(rate(traces_span_metrics_calls_total{job=\\"$service\\"}[5m]))"},
                  {"title": "Latency", "query": "traces_span_metrics_duration_milliseconds_bucket", "chart": "heatmap"}]}""";
  @TempDir Path dir;

  @Test
  void createsListsReadsReplacesAndDeletesAndKeepsThemAcrossARestart() throws Exception {
    String id;
    try (TestServer server = new TestServer(dir.resolve("data"))) {
      HttpResponse<String> created = send(server, "POST", "/api/v1/dashboards", BODY, null);
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      JsonNode d = TestServer.JSON.readTree(created.body());
      id = d.get("id").asText();
      assertThat(id).matches("[0-9a-f]{12}");
      assertThat(d.get("panels").get(1).get("chart").asText()).isEqualTo("heatmap");
      assertThat(d.get("panels").get(0).get("chart").asText()).isEqualTo("lines");
      assertThat(d.get("variables").get(0).get("label").asText()).isEqualTo("job");

      JsonNode list = server.getJson("/api/v1/dashboards");
      assertThat(list.get("dashboards")).hasSize(1);
      assertThat(list.get("dashboards").get(0).get("title").asText()).isEqualTo("Checkout");
      assertThat(list.get("dashboards").get(0).get("panels").asInt()).isEqualTo(2);

      HttpResponse<String> replaced = send(server, "PUT", "/api/v1/dashboards/" + id,
          BODY.replace("\"Checkout\"", "\"Checkout v2\""), null);
      assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
      assertThat(server.getJson("/api/v1/dashboards/" + id).get("title").asText()).isEqualTo("Checkout v2");
      assertThat(send(server, "PUT", "/api/v1/dashboards/000000000000", BODY, null).statusCode()).isEqualTo(404);
      assertThat(TestServer.JSON.readTree(replaced.body()).get("version").asLong()).isEqualTo(2);
      HttpResponse<String> stale = send(server, "PUT", "/api/v1/dashboards/" + id,
          BODY.replace("\"Checkout\"", "\"Checkout stale\"").replaceFirst("\\{", "{\"version\": 1, "), null);
      assertThat(stale.statusCode()).as("a replace of the version read before the last save").isEqualTo(409);
      assertThat(stale.body()).contains("is at version 2, not 1");
    }
    try (TestServer server = new TestServer(dir.resolve("data"))) {
      assertThat(server.getJson("/api/v1/dashboards/" + id).get("title").asText()).as("after a restart").isEqualTo("Checkout v2");
      HttpResponse<String> deleted = send(server, "DELETE", "/api/v1/dashboards/" + id, "", null);
      assertThat(deleted.statusCode()).isEqualTo(200);
      assertThat(server.get("/api/v1/dashboards/" + id).statusCode()).isEqualTo(404);
      assertThat(server.getJson("/api/v1/dashboards").get("dashboards")).isEmpty();
    }
  }

  @Test
  void refusesBadBodiesNamingTheField() {
    try (TestServer server = new TestServer(dir.resolve("data"))) {
      assertError(server, "{\"panels\": []}", "title: required");
      assertError(server, "{\"title\": \"x\", \"panels\": [{\"title\": \"a\"}]}", "panels[0].query: required");
      assertError(server, "{\"title\": \"x\", \"panels\": [{\"query\": \"up\", \"chart\": \"pie\"}]}",
          "panels[0].chart: 'pie' is not one of lines, stacked, heatmap, table");
      assertError(server, "{\"title\": \"x\", \"variables\": [{\"name\": \"1st\", \"label\": \"job\"}]}",
          "variables[0].name: '1st' is not a variable name");
      assertError(server, "{\"title\": \"x\", \"panels\": {}}", "panels: expected a list");
      assertError(server, "not json", "the body is not JSON");
      assertThat(server.getJson("/api/v1/dashboards").get("dashboards")).isEmpty();
    }
  }

  @Test
  void eachTenantSeesItsOwnAndWritingNeedsWriteReports() throws Exception {
    try (TestServer server = new TestServer(dir.resolve("data"), "--auth.enabled=true", "--auth.admin.key=" + ADMIN)) {
      String acme = key(server, "acme", "operator");
      String globex = key(server, "globex", "operator");
      String viewer = key(server, "acme", "viewer");
      String analyst = key(server, "acme", "analyst");
      HttpResponse<String> created = send(server, "POST", "/api/v1/dashboards", BODY, acme);
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      String id = TestServer.JSON.readTree(created.body()).get("id").asText();

      assertThat(send(server, "GET", "/api/v1/dashboards", null, globex).body()).isEqualTo("{\"dashboards\":[]}");
      assertThat(send(server, "GET", "/api/v1/dashboards/" + id, null, globex).statusCode()).isEqualTo(404);
      assertThat(send(server, "DELETE", "/api/v1/dashboards/" + id, "", globex).statusCode()).isEqualTo(404);

      assertThat(send(server, "GET", "/api/v1/dashboards/" + id, null, viewer).statusCode()).isEqualTo(200);
      HttpResponse<String> refused = send(server, "PUT", "/api/v1/dashboards/" + id, BODY, viewer);
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(refused.body()).contains("lacks write:reports");
      assertThat(send(server, "PUT", "/api/v1/dashboards/" + id, BODY, analyst).statusCode()).isEqualTo(200);
      assertThat(send(server, "GET", "/api/v1/dashboards", null, null).statusCode()).isEqualTo(401);

      // what the web UI asks to hide the buttons a role cannot use
      JsonNode who = TestServer.JSON.readTree(send(server, "GET", "/api/v1/whoami", null, viewer).body());
      assertThat(who.get("tenant").asText()).isEqualTo("acme");
      assertThat(who.get("role").asText()).isEqualTo("viewer");
      assertThat(who.get("authentication").asBoolean()).isTrue();
      assertThat(who.get("permissions").toString()).contains("read:metrics").doesNotContain("write:reports", "admin:system");
      assertThat(TestServer.JSON.readTree(send(server, "GET", "/api/v1/whoami", null, analyst).body()).get("permissions").toString())
          .contains("write:reports");
      assertThat(send(server, "GET", "/api/v1/whoami", null, null).statusCode()).isEqualTo(401);
    }
  }

  private static void assertError(TestServer server, String body, String message) {
    HttpResponse<String> r = send(server, "POST", "/api/v1/dashboards", body, null);
    assertThat(r.statusCode()).as(body).isEqualTo(400);
    assertThat(r.body()).as(body).contains(message);
  }

  private static String key(TestServer server, String tenant, String role) throws Exception {
    HttpResponse<String> r = send(server, "POST", "/api/v1/keys",
        "{\"name\": \"" + tenant + " " + role + "\", \"role\": \"" + role + "\", \"tenant\": \"" + tenant + "\"}", ADMIN);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return TestServer.JSON.readTree(r.body()).get("key").asText();
  }

  private static HttpResponse<String> send(TestServer server, String method, String path, String body, String key) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.api() + path)).header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    try {
      return server.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
