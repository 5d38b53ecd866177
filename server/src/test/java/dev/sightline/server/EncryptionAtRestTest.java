package dev.sightline.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import dev.sightline.server.config.ConfigException;
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
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Encryption at rest end to end: OTLP traces, logs and metrics carrying distinctive values go in,
 * come out of the query API (also after a restart), and no file under the data directory holds
 * them; with encryption off the same scan finds them. httpfs (OpenSSL) is not installed where
 * these tests run, so the store uses DuckDB's built-in crypto through its explicit unsafe switch.
 */
class EncryptionAtRestTest {
  static final String SPAN_CANARY = "plaintext-canary-7f3a-span";
  static final String RESOURCE_CANARY = "plaintext-canary-7f3a-resource";
  static final String LOG_CANARY = "plaintext-canary-7f3a-log-body";
  static final String LOG_ATTR_CANARY = "plaintext-canary-7f3a-log-attr";
  static final String METRIC_CANARY = "plaintext-canary-7f3a-metric";
  static final List<String> CANARIES = List.of(SPAN_CANARY, RESOURCE_CANARY, LOG_CANARY, LOG_ATTR_CANARY, METRIC_CANARY);
  static final long TRACE = 0x7f3a;
  @TempDir Path dir;

  static String newKey() {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    return Base64.getEncoder().encodeToString(k);
  }

  Path keyFile(String name, String... entries) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, String.join("\n", entries) + "\n");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
    return f;
  }

  static String[] encrypted(Path keyFile, String... more) {
    List<String> flags = new ArrayList<>(List.of("--encryption.enabled=true", "--encryption.master.key.file=" + keyFile,
        "--encryption.store.unsafe.builtin.crypto=true", "--alerting.default.rules.enabled=false"));
    flags.addAll(List.of(more));
    return flags.toArray(String[]::new);
  }

  static KeyValue attr(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }

  static void sendCanaries(TestServer server) {
    long now = System.currentTimeMillis() * 1_000_000L;
    Resource resource = Resource.newBuilder().addAttributes(attr("service.name", "vault"))
        .addAttributes(attr("deployment.zone", RESOURCE_CANARY)).build();
    Span span = Span.newBuilder().setName("GET /secret")
        .setTraceId(ByteString.copyFrom(ByteBuffer.allocate(16).putLong(0).putLong(TRACE).array()))
        .setSpanId(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(1).array()))
        .setStartTimeUnixNano(now - 5_000_000).setEndTimeUnixNano(now).addAttributes(attr("user.tier", SPAN_CANARY)).build();
    post(server, "/v1/traces", ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
        .setResource(resource).addScopeSpans(ScopeSpans.newBuilder().addSpans(span))).build().toByteArray());
    post(server, "/v1/logs", ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
        .setResource(resource).addScopeLogs(ScopeLogs.newBuilder().addLogRecords(LogRecord.newBuilder()
            .setTimeUnixNano(now).setBody(AnyValue.newBuilder().setStringValue(LOG_CANARY))
            .addAttributes(attr("customer", LOG_ATTR_CANARY))))).build().toByteArray());
    Metric gauge = Metric.newBuilder().setName("vault.temperature").setGauge(Gauge.newBuilder().addDataPoints(
        NumberDataPoint.newBuilder().setTimeUnixNano(now).setAsDouble(21.5).addAttributes(attr("room", METRIC_CANARY)))).build();
    post(server, "/v1/metrics", ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder()
        .setResource(resource).addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(gauge))).build().toByteArray());
  }

  private static void post(TestServer server, String path, byte[] body) {
    HttpResponse<String> r = server.post(server.otlpHttp() + path, "application/x-protobuf", body);
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
  }

  /** Every canary comes back out of the query API. */
  static void assertQueryable(TestServer server) {
    TestServer.await("the canary trace", () -> server.get("/api/v1/traces/" + String.format("%032x", TRACE)).statusCode() == 200);
    String trace = server.getJson("/api/v1/traces/" + String.format("%032x", TRACE)).toString();
    assertThat(trace).contains(SPAN_CANARY, RESOURCE_CANARY);
    TestServer.await("the canary log", () -> server.getJson("/api/v1/logs?service=vault").get("logs").size() == 1);
    assertThat(server.getJson("/api/v1/logs?service=vault").toString()).contains(LOG_CANARY, LOG_ATTR_CANARY);
    TestServer.await("the canary series", () -> server.getJson("/api/v1/query?query=vault_temperature").toString()
        .contains(METRIC_CANARY));
  }

  /** Canaries found in any file under {@code root}, read whole, by file. */
  static Map<Path, List<String>> plaintextIn(Path root) throws Exception {
    Map<Path, List<String>> found = new java.util.TreeMap<>();
    List<Path> files;
    try (var walk = Files.walk(root)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    for (Path f : files) {
      String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
      List<String> hits = CANARIES.stream().filter(bytes::contains).toList();
      if (!hits.isEmpty()) {
        found.put(root.relativize(f), hits);
      }
    }
    return found;
  }

  @Test
  void noFileUnderTheDataDirectoryHoldsTheCanariesWhichStillReadBackAfterARestart() throws Exception {
    Path data = dir.resolve("data");
    Path keys = keyFile("master.keys", "k1:" + newKey());
    try (TestServer server = new TestServer(data, encrypted(keys))) {
      sendCanaries(server);
      assertQueryable(server);
      server.awaitStored();
      assertThat(plaintextIn(data)).as("while running: segments, store file and its WAL").isEmpty();
    }
    assertThat(plaintextIn(data)).as("after a stop").isEmpty();
    try (TestServer server = new TestServer(data, encrypted(keys))) {
      assertQueryable(server);
    }
    assertThat(plaintextIn(data)).as("after a restart").isEmpty();
    try (var walk = Files.walk(data)) {
      assertThat(walk.map(p -> data.relativize(p).toString()))
          .as("the scan covered the log, the store and the keys")
          .contains("security/data-keys.json", "store/sightline.duckdb")
          .anyMatch(p -> p.startsWith("ingest-log/") && p.endsWith(".seg"));
    }
  }

  @Test
  void theSameScanFindsTheCanariesWithEncryptionOff() throws Exception {
    Path data = dir.resolve("data");
    try (TestServer server = new TestServer(data, "--alerting.default.rules.enabled=false")) {
      sendCanaries(server);
      assertQueryable(server);
      server.awaitStored();
    }
    Map<Path, List<String>> found = plaintextIn(data);
    assertThat(found.keySet()).as("plain text in the log or the store")
        .anyMatch(p -> p.toString().startsWith("ingest-log") || p.toString().startsWith("store"));
    assertThat(found.values().stream().flatMap(List::stream)).containsAll(CANARIES);
  }

  @Test
  void statusRotationAndAMasterKeyPutInFrontWithoutRewritingData() throws Exception {
    Path data = dir.resolve("data");
    String k1 = newKey();
    Path keys = keyFile("master.keys", "k1:" + k1);
    try (TestServer server = new TestServer(data, encrypted(keys))) {
      JsonNode status = server.getJson("/api/v1/encryption");
      assertThat(status.get("enabled").asBoolean()).isTrue();
      assertThat(status.at("/masterKey/current").asText()).isEqualTo("k1");
      assertThat(status.at("/dataKeys/current").asInt()).isEqualTo(1);
      assertThat(status.at("/ingestLog/encrypted").asBoolean()).isTrue();
      assertThat(status.at("/store/encrypted").asBoolean()).isTrue();
      assertThat(status.at("/store/crypto").asText()).isEqualTo("built-in mbedTLS (unsafe)");
      assertThat(status.get("notEncrypted").toString()).contains("stdout");
      assertThat(status.toString()).doesNotContain(k1);
      sendCanaries(server);
      assertQueryable(server);
      HttpResponse<String> rotated = server.post(server.api() + "/api/v1/encryption/rotate", "application/json", new byte[0]);
      assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
      assertThat(TestServer.JSON.readTree(rotated.body()).get("dataKeyVersion").asInt()).isEqualTo(2);
      JsonNode after = server.getJson("/api/v1/encryption");
      assertThat(after.at("/dataKeys/current").asInt()).isEqualTo(2);
      assertThat(after.at("/ingestLog/dataKeyVersion").asInt()).isEqualTo(2);
      assertThat(after.at("/store/dataKeyVersion").asInt()).as("the store file keeps its key").isEqualTo(1);
      assertThat(server.getJson("/api/v1/audit?action=encryption.").get("entries")).hasSize(1);
      // written under version 2, read after the restart below
      post(server, "/v1/logs", ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
          .setResource(Resource.newBuilder().addAttributes(attr("service.name", "after-rotation")))
          .addScopeLogs(ScopeLogs.newBuilder().addLogRecords(LogRecord.newBuilder().setTimeUnixNano(System.currentTimeMillis() * 1_000_000L)
              .setBody(AnyValue.newBuilder().setStringValue("under data key 2"))))).build().toByteArray());
      server.awaitStored();
    }
    long storeSize = Files.size(data.resolve("store/sightline.duckdb"));
    String k2 = newKey();
    Path rotatedKeys = keyFile("master-rotated.keys", "k2:" + k2, "k1:" + k1);
    try (TestServer server = new TestServer(data, encrypted(rotatedKeys))) {
      JsonNode status = server.getJson("/api/v1/encryption");
      assertThat(status.at("/masterKey/current").asText()).isEqualTo("k2");
      assertThat(status.at("/dataKeys/versions").findValuesAsText("wrappedBy")).containsOnly("k2");
      assertQueryable(server);
    }
    assertThat(Files.size(data.resolve("store/sightline.duckdb"))).as("the store was not rewritten").isEqualTo(storeSize);
    Path newOnly = keyFile("master-new-only.keys", "k2:" + k2);
    try (TestServer server = new TestServer(data, encrypted(newOnly))) {
      assertQueryable(server);
      assertThat(server.getJson("/api/v1/logs?service=after-rotation").toString()).contains("under data key 2");
    }
    assertThat(plaintextIn(data)).isEmpty();
  }

  @Test
  void onlyAdminsSeeOrRotateTheKeys() throws Exception {
    Path keys = keyFile("master.keys", "k1:" + newKey());
    String admin = "admin-" + newKey();
    try (TestServer server = new TestServer(dir.resolve("data"), encrypted(keys, "--auth.enabled=true", "--auth.admin.key=" + admin))) {
      HttpResponse<String> created = send(server, "POST", "/api/v1/keys", admin, "{\"name\": \"viewer\", \"role\": \"viewer\"}");
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      String viewer = TestServer.JSON.readTree(created.body()).get("key").asText();
      assertThat(send(server, "GET", "/api/v1/encryption", null, null).statusCode()).isEqualTo(401);
      assertThat(send(server, "GET", "/api/v1/encryption", viewer, null).statusCode()).isEqualTo(403);
      assertThat(send(server, "POST", "/api/v1/encryption/rotate", viewer, "").statusCode()).isEqualTo(403);
      assertThat(send(server, "GET", "/api/v1/encryption", admin, null).statusCode()).isEqualTo(200);
      assertThat(send(server, "POST", "/api/v1/encryption/rotate", admin, "").statusCode()).isEqualTo(200);
    }
  }

  private static HttpResponse<String> send(TestServer server, String method, String path, String key, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.api() + path)).header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return server.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void startUpStopsWithAClearReasonWhenKeysOrDataDoNotFit() throws Exception {
    Path data = dir.resolve("data");
    assertThatThrownBy(() -> new TestServer(data, "--encryption.enabled=true")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("encryption.master.key.file").hasMessageContaining("SIGHTLINE_MASTER_KEY");
    Path keys = keyFile("master.keys", "k1:" + newKey());
    new TestServer(data, encrypted(keys)).close();
    assertThatThrownBy(() -> new TestServer(data, encrypted(keyFile("wrong.keys", "k1:" + newKey()))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("fails authentication under master key 'k1'");
    assertThatThrownBy(() -> new TestServer(data, encrypted(keyFile("other.keys", "k9:" + newKey()))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("wrapped by master key 'k1', which is not configured");
    assertThatThrownBy(() -> new TestServer(data, "--alerting.default.rules.enabled=false"))
        .hasMessageContaining("is encrypted; start with encryption.enabled=true");
    Path plain = dir.resolve("plain");
    new TestServer(plain, "--alerting.default.rules.enabled=false").close();
    assertThatThrownBy(() -> new TestServer(plain, encrypted(keys))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("already holds data written without encryption");
  }
}
