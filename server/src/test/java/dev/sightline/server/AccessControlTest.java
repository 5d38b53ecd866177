package dev.sightline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.RequestHeaders;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each built-in role against each endpoint family: allowed, or 403 naming the missing permission;
 * no key, an unknown key and a revoked key are 401; gRPC ingest answers PERMISSION_DENIED.
 */
class AccessControlTest {
  private static final String ADMIN = "static-admin-key-for-tests";
  @TempDir Path dir;

  private record Call(String method, String path, String contentType, String body) {}

  /** The families, each with one representative call; '*' in the result table means allowed. */
  private static final Map<String, Call> FAMILIES = new LinkedHashMap<>();

  static {
    FAMILIES.put("ingest traces", new Call("POST", "otlp:/v1/traces", "application/json", "{}"));
    FAMILIES.put("ingest metrics", new Call("POST", "otlp:/v1/metrics", "application/json", "{}"));
    FAMILIES.put("ingest logs", new Call("POST", "/loki/api/v1/push", "application/json", "{\"streams\":[]}"));
    FAMILIES.put("query traces", new Call("GET", "/api/v1/services", "", ""));
    FAMILIES.put("query logs", new Call("GET", "/api/v1/logs", "", ""));
    FAMILIES.put("PromQL", new Call("GET", "/api/v1/query?query=up", "", ""));
    FAMILIES.put("read rules", new Call("GET", "/api/v1/rules", "", ""));
    FAMILIES.put("write rules", new Call("PUT", "/api/v1/rules/files/x.yml", "application/yaml", "groups: []\n"));
    FAMILIES.put("keys", new Call("GET", "/api/v1/keys", "", ""));
    FAMILIES.put("notification config", new Call("GET", "/api/v1/notifications/config", "", ""));
  }

  private static final Map<String, List<String>> DENIED = Map.of(
      "admin", List.of(),
      "operator", List.of("keys", "notification config"),
      "viewer", List.of("ingest traces", "ingest metrics", "ingest logs", "write rules", "keys", "notification config"),
      "analyst", List.of("ingest traces", "ingest metrics", "ingest logs", "write rules", "keys", "notification config"));

  private static HttpResponse<String> call(TestServer server, Call c, String authorization) {
    String url = c.path().startsWith("otlp:") ? server.otlpHttp() + c.path().substring(5) : server.api() + c.path();
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
        .method(c.method(), c.body().isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(c.body()));
    if (!c.contentType().isEmpty()) {
      b.header("Content-Type", c.contentType());
    }
    if (!authorization.isEmpty()) {
      b.header("Authorization", authorization);
    }
    try {
      return server.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String createKey(TestServer server, String role) {
    HttpResponse<String> r = call(server, new Call("POST", "/api/v1/keys", "application/json",
        "{\"name\": \"" + role + " key\", \"role\": \"" + role + "\"}"), "Bearer " + ADMIN);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return json(r.body()).get("key").asText();
  }

  @Test
  void everyRoleGetsExactlyItsPermissions() throws Exception {
    try (TestServer server = new TestServer(dir.resolve("data"), "--auth.enabled=true", "--auth.admin.key=" + ADMIN)) {
      assertThat(server.get("/health").statusCode()).isEqualTo(200);
      HttpResponse<String> anonymous = call(server, FAMILIES.get("query traces"), "");
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.headers().firstValue("www-authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
      assertThat(json(anonymous.body()).get("error").asText()).contains("no credentials");
      assertThat(anonymous.headers().firstValue("x-content-type-options")).hasValue("nosniff");
      assertThat(anonymous.headers().firstValue("x-frame-options")).hasValue("DENY");
      assertThat(call(server, FAMILIES.get("ingest traces"), "").statusCode()).isEqualTo(401);
      assertThat(call(server, FAMILIES.get("query traces"), "Bearer sl_000000000000_nope").statusCode()).isEqualTo(401);

      for (String role : List.of("admin", "operator", "viewer", "analyst")) {
        String key = createKey(server, role);
        for (Map.Entry<String, Call> family : FAMILIES.entrySet()) {
          HttpResponse<String> r = call(server, family.getValue(), "Bearer " + key);
          if (DENIED.get(role).contains(family.getKey())) {
            assertThat(r.statusCode()).as(role + " on " + family.getKey()).isEqualTo(403);
            assertThat(json(r.body()).get("error").asText()).startsWith("role " + role + " of key:");
          } else {
            assertThat(r.statusCode()).as(role + " on " + family.getKey() + ": " + r.body()).isBetween(200, 299);
          }
        }
      }

      String viewer = createKey(server, "viewer");
      assertThat(grpcExport(server, viewer)).as("gRPC ingest by a viewer").isEqualTo("7");
      String operator = createKey(server, "operator");
      assertThat(grpcExport(server, operator)).isEqualTo("0");
      String basic = "Basic " + Base64.getEncoder().encodeToString(("promtail:" + operator).getBytes(StandardCharsets.UTF_8));
      assertThat(call(server, FAMILIES.get("ingest logs"), basic).statusCode()).as("basic auth carries the key").isEqualTo(204);

      String id = operator.split("_")[1];
      assertThat(call(server, new Call("DELETE", "/api/v1/keys/" + id, "", ""), "Bearer " + ADMIN).statusCode()).isEqualTo(200);
      HttpResponse<String> revoked = call(server, FAMILIES.get("query traces"), "Bearer " + operator);
      assertThat(revoked.statusCode()).isEqualTo(401);
      JsonNode listed = json(call(server, FAMILIES.get("keys"), "Bearer " + ADMIN).body()).get("keys");
      assertThat(listed.toString()).contains("revokedAt").doesNotContain(operator.split("_")[2]);

      JsonNode audit = json(call(server, new Call("GET", "/api/v1/audit?action=key.", "", ""), "Bearer " + ADMIN).body()).get("entries");
      assertThat(audit.get(0).get("action").asText()).as("newest first").isEqualTo("key.revoke");
      assertThat(audit.get(0).get("actor").asText()).isEqualTo("static-admin");
      assertThat(audit.get(0).get("target").asText()).isEqualTo("key:" + id);
      assertThat(audit).hasSize(7); // six keys created, one revoked
      assertThat(call(server, new Call("GET", "/api/v1/audit", "", ""), "Bearer " + viewer).statusCode()).isEqualTo(403);
      assertThat(json(call(server, new Call("GET", "/api/v1/audit/verify", "", ""), "Bearer " + ADMIN).body()).get("ok").asBoolean())
          .isTrue();

      Path file;
      try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(dir.resolve("data/security/audit"))) {
        file = files.filter(f -> f.toString().endsWith(".jsonl")).findFirst().orElseThrow();
      }
      List<String> lines = new java.util.ArrayList<>(java.nio.file.Files.readAllLines(file));
      int edited = 0;
      while (!lines.get(edited).contains("\"name\":\"operator key\"")) {
        edited++;
      }
      lines.set(edited, lines.get(edited).replace("\"role\":\"operator\"", "\"role\":\"admin\""));
      java.nio.file.Files.write(file, lines);
      JsonNode verify = json(call(server, new Call("GET", "/api/v1/audit/verify", "", ""), "Bearer " + ADMIN).body());
      assertThat(verify.get("ok").asBoolean()).as("an edited entry is detected").isFalse();
      assertThat(verify.get("problem").get("line").asLong()).isEqualTo(edited + 1);
      assertThat(verify.get("problem").get("reason").asText()).contains("hash does not match");
    }
  }

  @Test
  void customRolesFromTheConfigFileGrantWhatTheySay() throws Exception {
    Path config = dir.resolve("sightline.yaml");
    java.nio.file.Files.writeString(config, "roles:\n  ingest-only: [\"write:*\"]\n");
    try (TestServer server = new TestServer(dir.resolve("data"), "--config=" + config, "--auth.enabled=true",
        "--auth.admin.key=" + ADMIN)) {
      String key = createKey(server, "ingest-only");
      assertThat(call(server, FAMILIES.get("ingest traces"), "Bearer " + key).statusCode()).isEqualTo(200);
      assertThat(call(server, FAMILIES.get("query traces"), "Bearer " + key).statusCode()).isEqualTo(403);
    }
    java.nio.file.Files.writeString(config, "roles:\n  viewer: [\"*\"]\n");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TestServer(dir.resolve("data2"), "--config=" + config))
        .hasMessageContaining("roles.viewer: a built-in role cannot be redefined");
  }

  @Test
  void aChangeOfTheRolesIsAuditedAtTheNextStart() throws Exception {
    Path config = dir.resolve("roles.yaml");
    String[] flags = {"--config=" + config, "--auth.enabled=true", "--auth.admin.key=" + ADMIN};
    java.nio.file.Files.writeString(config, "roles:\n  sre: [\"read:*\"]\n");
    new TestServer(dir.resolve("data"), flags).close();
    new TestServer(dir.resolve("data"), flags).close(); // unchanged: nothing new
    java.nio.file.Files.writeString(config, "roles:\n  sre: [\"read:*\", \"write:rules\"]\n");
    try (TestServer server = new TestServer(dir.resolve("data"), flags)) {
      JsonNode entries = json(call(server, new Call("GET", "/api/v1/audit?action=roles.", "", ""), "Bearer " + ADMIN).body())
          .get("entries");
      assertThat(entries).hasSize(2);
      assertThat(entries.get(0).get("details").get("roles").asText()).contains("sre=read:*,write:rules");
      assertThat(entries.get(0).get("details").get("previous").asText()).contains("sre=read:*;");
      assertThat(entries.get(1).get("details").get("previous").asText()).isEmpty();
    }
  }

  @Test
  void authOnWithoutAnyKeyRefusesToStart() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TestServer(dir.resolve("data"), "--auth.enabled=true"))
        .hasMessageContaining("auth.admin.key");
  }

  private static String grpcExport(TestServer server, String key) {
    byte[] body = ExportTraceServiceRequest.getDefaultInstance().toByteArray();
    ByteBuffer frame = ByteBuffer.allocate(5 + body.length).put((byte) 0).putInt(body.length).put(body);
    AggregatedHttpResponse r = WebClient.of("h2c://127.0.0.1:" + server.server.otlpGrpcPort()).execute(
        RequestHeaders.of(HttpMethod.POST, "/opentelemetry.proto.collector.trace.v1.TraceService/Export",
            HttpHeaderNames.CONTENT_TYPE, "application/grpc", HttpHeaderNames.TE, "trailers",
            HttpHeaderNames.AUTHORIZATION, "Bearer " + key), HttpData.wrap(frame.array())).aggregate().join();
    return r.trailers().isEmpty() ? r.headers().get("grpc-status") : r.trailers().get("grpc-status");
  }

  private static JsonNode json(String body) {
    try {
      return TestServer.JSON.readTree(body);
    } catch (java.io.IOException e) {
      throw new AssertionError(body, e);
    }
  }
}
