package dev.sightline.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sightline.metadata.Migration;
import dev.sightline.metadata.MetadataUnavailableException;
import dev.sightline.metadata.MigrationException;
import dev.sightline.metadata.PostgresProcess;
import dev.sightline.server.config.ConfigLoader;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Servers sharing metadata in a real PostgreSQL 15 (Debian's, started as a process): what one
 * node changes through the API, the other sees; the schema is migrated once; an unreachable or
 * changed database is refused at start, and an outage at run time refuses changes (503) but not reads.
 */
class MetadataPostgresTest {
  private static final String ADMIN = "metadata-test-admin-key-0123456789";
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static PostgresProcess postgres;
  @TempDir Path dir;

  @BeforeAll
  static void startPostgres() throws Exception {
    postgres = PostgresProcess.startOrSkip();
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
  }

  private static String newDatabase() throws Exception {
    return postgres.createDatabase("sightline_" + DATABASES.incrementAndGet());
  }

  private TestServer node(String name, String url, String... more) {
    List<String> flags = new ArrayList<>(List.of("--metadata.store=postgresql", "--metadata.postgresql.url=" + url,
        "--metadata.postgresql.user=" + PostgresProcess.USER, "--metadata.postgresql.password=" + PostgresProcess.PASSWORD,
        "--metadata.refresh.interval=200ms", "--metadata.start.timeout=2s", "--auth.enabled=true", "--auth.admin.key=" + ADMIN,
        "--alerting.rules.reload.interval=200ms", "--alerting.default.rules.enabled=false"));
    flags.addAll(List.of(more));
    return new TestServer(dir.resolve(name), flags.toArray(String[]::new));
  }

  private static HttpResponse<String> call(TestServer server, String method, String path, String body, String key) {
    return server.request(method, path, path.contains("rules/files") ? "application/yaml" : "application/json", body,
        "Authorization", "Bearer " + key);
  }

  private static JsonNode json(HttpResponse<String> r) {
    try {
      return TestServer.JSON.readTree(r.body());
    } catch (Exception e) {
      throw new AssertionError(r.body(), e);
    }
  }

  @Test
  void twoNodesShareKeysSilencesDashboardsAndRules() throws Exception {
    String url = newDatabase();
    try (TestServer a = node("a", url); TestServer b = node("b", url)) {
      HttpResponse<String> key = call(a, "POST", "/api/v1/keys", "{\"name\": \"ci\", \"role\": \"operator\"}", ADMIN);
      assertThat(key.statusCode()).as(key.body()).isEqualTo(201);
      String token = json(key).get("key").asText();
      long made = System.nanoTime();
      TestServer.await("the key made on A to authenticate on B",
          () -> call(b, "GET", "/api/v1/whoami", "", token).statusCode() == 200);
      System.out.printf("key seen by the other node after %d ms%n", (System.nanoTime() - made) / 1_000_000);

      HttpResponse<String> silence = call(a, "POST", "/api/v1/silences", "{\"matchers\": [\"service=\\\"checkout\\\"\"], "
          + "\"endsAt\": \"" + Instant.now().plusSeconds(3600) + "\", \"createdBy\": \"alice\", \"comment\": \"deploy\"}", ADMIN);
      assertThat(silence.statusCode()).as(silence.body()).isEqualTo(200);
      String silenceId = json(silence).get("data").get("silenceID").asText();
      TestServer.await("the silence made on A to be active on B", () -> {
        JsonNode list = json(call(b, "GET", "/api/v1/silences", "", ADMIN)).get("data").get("silences");
        return list.size() == 1 && list.get(0).get("state").asText().equals("active")
            && list.get(0).toString().contains(silenceId);
      });

      HttpResponse<String> board = call(a, "POST", "/api/v1/dashboards",
          "{\"title\": \"Shared\", \"panels\": [{\"query\": \"up\"}]}", ADMIN);
      assertThat(board.statusCode()).as(board.body()).isEqualTo(201);
      String boardId = json(board).get("id").asText();
      TestServer.await("the dashboard saved on A to show on B",
          () -> call(b, "GET", "/api/v1/dashboards/" + boardId, "", token).statusCode() == 200);
      HttpResponse<String> edited = call(b, "PUT", "/api/v1/dashboards/" + boardId,
          "{\"title\": \"Shared v2\", \"version\": 1, \"panels\": [{\"query\": \"up\"}]}", ADMIN);
      assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
      HttpResponse<String> stale = call(a, "PUT", "/api/v1/dashboards/" + boardId,
          "{\"title\": \"Shared v1 edit\", \"version\": 1, \"panels\": [{\"query\": \"up\"}]}", ADMIN);
      assertThat(stale.statusCode()).as("A edits the version B replaced: " + stale.body()).isEqualTo(409);

      HttpResponse<String> rules = call(a, "PUT", "/api/v1/rules/files/shared.yml",
          "groups:\n- name: shared\n  rules:\n  - alert: AlwaysOn\n    expr: vector(1)\n", ADMIN);
      assertThat(rules.statusCode()).as(rules.body()).isIn(200, 201);
      TestServer.await("the rule group put on A to be in force on B",
          () -> call(b, "GET", "/api/v1/rules", "", ADMIN).body().contains("\"shared\""));
      assertThat(call(b, "DELETE", "/api/v1/rules/files/shared.yml", "", ADMIN).statusCode()).isEqualTo(200);
      TestServer.await("the rule file deleted on B to leave A",
          () -> !call(a, "GET", "/api/v1/rules", "", ADMIN).body().contains("\"shared\""));

      HttpResponse<String> routes = a.request("PUT", "/api/v1/notifications/config", "application/yaml",
          "route: {receiver: quiet}\nreceivers: [{name: quiet}]\n", "Authorization", "Bearer " + ADMIN);
      assertThat(routes.statusCode()).as(routes.body()).isEqualTo(200);
      TestServer.await("the notification routes set on A to be in force on B", () -> json(call(b, "GET",
          "/api/v1/notifications/config", "", ADMIN)).get("data").get("source").asText().equals("api"));

      String id = json(key).get("details").get("id").asText();
      assertThat(call(b, "DELETE", "/api/v1/keys/" + id, "", ADMIN).statusCode()).isEqualTo(200);
      TestServer.await("the key revoked on B to stop working on A",
          () -> call(a, "GET", "/api/v1/whoami", "", token).statusCode() == 401);
    }
    try (Connection c = DriverManager.getConnection(url, PostgresProcess.USER, PostgresProcess.PASSWORD);
        Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM schema_migrations")) {
      r.next();
      assertThat(r.getInt(1)).as("each migration applied once by two nodes").isEqualTo(Migration.bundled().size());
    }
  }

  @Test
  void aSilenceMadeOnOneNodeMutesOnTheOther() throws Exception {
    String url = newDatabase();
    try (WebhookReceiver hook = new WebhookReceiver()) {
      Path config = java.nio.file.Files.writeString(dir.resolve("b.yaml"), """
          notifications:
            route: {receiver: hook, group_by: [alertname], group_wait: 1s, group_interval: 1s, repeat_interval: 4h}
            receivers:
              - name: hook
                webhook_configs: [{url: "%s"}]
          """.formatted(hook.url()));
      try (TestServer a = node("a", url); TestServer b = node("b", url, "--config=" + config)) {
        HttpResponse<String> silence = call(a, "POST", "/api/v1/silences", "{\"matchers\": [\"alertname=\\\"Muted\\\"\"], "
            + "\"endsAt\": \"" + Instant.now().plusSeconds(3600) + "\", \"createdBy\": \"alice\", \"comment\": \"deploy\"}", ADMIN);
        assertThat(silence.statusCode()).as(silence.body()).isEqualTo(200);
        TestServer.await("the silence on B", () -> call(b, "GET", "/api/v1/silences", "", ADMIN).body().contains("Muted"));
        HttpResponse<String> rules = call(b, "PUT", "/api/v1/rules/files/both.yml", "groups:\n- name: both\n  interval: 1s\n"
            + "  rules:\n  - alert: Muted\n    expr: vector(1)\n  - alert: Heard\n    expr: vector(1)\n", ADMIN);
        assertThat(rules.statusCode()).as(rules.body()).isEqualTo(200);
        TestServer.await("B to notify the alert no silence matches",
            () -> hook.received.stream().anyMatch(n -> n.toString().contains("Heard")));
        TestServer.await("B to count Muted as silenced", () -> call(b, "GET", "/metrics", "", ADMIN).body().lines()
            .anyMatch(l -> l.startsWith("sightline_alerts_silenced_total ") && !l.endsWith(" 0") && !l.endsWith(" 0.0")));
        assertThat(hook.received).as("only B has a receiver; the silence made on A holds there")
            .noneMatch(n -> n.toString().contains("\"Muted\""));
      }
    }
  }

  @Test
  void anOutageRefusesChangesWith503ButReadsAndKeysKeepWorking() throws Exception {
    String url = newDatabase();
    try (TestServer server = node("a", url)) {
      String token = json(call(server, "POST", "/api/v1/keys", "{\"name\": \"ci\", \"role\": \"viewer\"}", ADMIN))
          .get("key").asText();
      assertThat(call(server, "POST", "/api/v1/dashboards", "{\"title\": \"Kept\"}", ADMIN).statusCode()).isEqualTo(201);
      long started = System.nanoTime();
      for (int i = 0; i < 20; i++) {
        assertThat(call(server, "POST", "/api/v1/dashboards", "{\"title\": \"Timed " + i + "\"}", ADMIN).statusCode())
            .isEqualTo(201);
      }
      System.out.printf("dashboard create on PostgreSQL: %.1f ms each (20 in a row)%n",
          (System.nanoTime() - started) / 20 / 1e6);
      assertThat(server.get("/ready").statusCode()).isEqualTo(200);

      postgres.stop();
      try {
        TestServer.await("/ready to say the store is down", () -> server.get("/ready").statusCode() == 503);
        assertThat(server.get("/ready").body()).as("/ready, which anyone may read, names no address")
            .contains("metadata store does not answer (PostgreSQL)").doesNotContain(url);
        HttpResponse<String> refused = call(server, "POST", "/api/v1/dashboards", "{\"title\": \"Lost?\"}", ADMIN);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.body()).contains("the metadata store (PostgreSQL at " + url + ")");
        assertThat(refused.headers().firstValue("retry-after")).isPresent();
        assertThat(call(server, "POST", "/api/v1/keys", "{\"name\": \"x\", \"role\": \"viewer\"}", ADMIN).statusCode())
            .isEqualTo(503);
        HttpResponse<String> list = call(server, "GET", "/api/v1/dashboards", "", token);
        assertThat(list.statusCode()).as("reads answer from the last copy").isEqualTo(200);
        assertThat(list.body()).contains("Kept").doesNotContain("Lost?");
        assertThat(call(server, "GET", "/api/v1/whoami", "", token).statusCode()).as("keys still authenticate").isEqualTo(200);
      } finally {
        postgres.start();
      }
      TestServer.await("/ready again once PostgreSQL is back", () -> server.get("/ready").statusCode() == 200);
      assertThat(call(server, "POST", "/api/v1/dashboards", "{\"title\": \"After\"}", ADMIN).statusCode()).isEqualTo(201);
    }
  }

  @Test
  void startStopsNamingAnUnreachableStore() {
    assertThatThrownBy(() -> node("a", "jdbc:postgresql://127.0.0.1:1/sightline", "--metadata.start.timeout=1s"))
        .isInstanceOf(MetadataUnavailableException.class)
        .hasMessageContaining("cannot reach the metadata store (PostgreSQL at jdbc:postgresql://127.0.0.1:1/sightline) within 1 s");
  }

  @Test
  void startStopsWhenAnAppliedMigrationChanged() throws Exception {
    String url = newDatabase();
    node("a", url).close();
    try (Connection c = DriverManager.getConnection(url, PostgresProcess.USER, PostgresProcess.PASSWORD);
        Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1");
    }
    assertThatThrownBy(() -> node("a", url)).isInstanceOf(MigrationException.class)
        .hasMessageContaining("metadata migration V1__metadata_tables.sql was changed after PostgreSQL at " + url);
  }

  @Test
  void thePasswordMayComeFromTheEnvironment() {
    assertThat(ConfigLoader.load(List.of("--metadata.store=postgresql", "--metadata.postgresql.url=jdbc:postgresql://db/s"),
        Map.of("SIGHTLINE_METADATA_POSTGRESQL_PASSWORD", "from-env")).metadata().store().password()).isEqualTo("from-env");
  }
}
