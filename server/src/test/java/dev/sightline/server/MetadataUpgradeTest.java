package dev.sightline.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data directory of an older version, whose keys, silences, dashboards and API rule files were
 * files, starts on the embedded metadata store with nothing lost; the import happens once, and the
 * store keeps what changed over a restart.
 */
class MetadataUpgradeTest {
  private static final String SECRET = "older-version-secret-0123456789abcdefghijklmnop";
  private static final String TOKEN = "sl_0a0b0c0d0e0f_" + SECRET;
  private static final String RULE = "groups:\n- name: %s\n  rules:\n  - alert: AlwaysOn\n    expr: vector(1)\n";
  @TempDir Path dir;

  private void olderFiles(Path data) throws Exception {
    Files.createDirectories(data.resolve("security"));
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(SECRET.getBytes(StandardCharsets.UTF_8)));
    Files.writeString(data.resolve("security/keys.json"), "[{\"id\":\"0a0b0c0d0e0f\",\"name\":\"old admin\",\"tenant\":\"default\","
        + "\"role\":\"admin\",\"secretSha256\":\"" + sha + "\",\"createdAt\":\"2025-01-01T00:00:00Z\"}]");
    Files.createDirectories(data.resolve("alerting/rules/tenants/acme"));
    Files.writeString(data.resolve("alerting/silences.json"), "[{\"id\":\"old-silence\",\"matchers\":[\"service=\\\"cart\\\"\"],"
        + "\"startsAt\":\"2025-01-01T00:00:00Z\",\"endsAt\":\"2999-01-01T00:00:00Z\",\"createdBy\":\"bob\","
        + "\"comment\":\"forever\",\"updatedAt\":\"2025-01-01T00:00:00Z\"}]");
    Files.writeString(data.resolve("alerting/rules/old.yml"), RULE.formatted("old-operator-group"));
    Files.writeString(data.resolve("alerting/rules/tenants/acme/mine.yml"), RULE.formatted("old-acme-group"));
    Files.writeString(data.resolve("alerting/notifications.json"),
        "{\"route\":{\"receiver\":\"old-hook\"},\"receivers\":[{\"name\":\"old-hook\"}]}");
    Files.createDirectories(data.resolve("dashboards"));
    Files.writeString(data.resolve("dashboards/" + HexFormat.of().formatHex("default".getBytes(StandardCharsets.UTF_8)) + ".json"),
        "[{\"id\":\"aaaaaaaaaaaa\",\"title\":\"Old board\",\"from\":\"now-1h\",\"to\":\"now\",\"variables\":[],"
            + "\"panels\":[{\"title\":\"\",\"query\":\"up\",\"chart\":\"lines\"}],\"updatedAt\":\"2025-06-01T00:00:00Z\"}]");
  }

  private static HttpResponse<String> call(TestServer server, String method, String path, String body) {
    return server.request(method, path, "application/json", body, "Authorization", "Bearer " + TOKEN);
  }

  @Test
  void olderFilesAreImportedOnceAndTheEmbeddedStoreKeepsChangesOverRestarts() throws Exception {
    Path data = dir.resolve("data");
    olderFiles(data);
    String created;
    // No admin key configured: the imported key is what lets auth start at all.
    try (TestServer server = new TestServer(data, "--auth.enabled=true")) {
      assertThat(call(server, "GET", "/api/v1/whoami", "").statusCode()).isEqualTo(200);
      assertThat(call(server, "GET", "/api/v1/silences", "").body()).contains("old-silence");
      assertThat(call(server, "GET", "/api/v1/dashboards/aaaaaaaaaaaa", "").body()).contains("Old board");
      assertThat(call(server, "GET", "/api/v1/rules/files", "").body()).contains("api/old.yml", "api/tenants/acme/mine.yml");
      assertThat(call(server, "GET", "/api/v1/rules", "").body()).contains("old-operator-group");
      assertThat(call(server, "GET", "/api/v1/notifications/config", "").body()).contains("\"source\":\"api\"", "old-hook");

      assertThat(call(server, "DELETE", "/api/v1/dashboards/aaaaaaaaaaaa", "").statusCode()).isEqualTo(200);
      HttpResponse<String> board = call(server, "POST", "/api/v1/dashboards", "{\"title\": \"New board\"}");
      assertThat(board.statusCode()).isEqualTo(201);
      created = TestServer.JSON.readTree(board.body()).get("id").asText();
    }
    assertThat(data.resolve("metadata.duckdb")).exists();
    assertThat(data.resolve("dashboards")).as("the files stay where they were").isNotEmptyDirectory();
    try (TestServer server = new TestServer(data, "--auth.enabled=true")) {
      assertThat(call(server, "GET", "/api/v1/dashboards/" + created, "").body()).as("after a restart").contains("New board");
      assertThat(call(server, "GET", "/api/v1/dashboards/aaaaaaaaaaaa", "").statusCode())
          .as("imported once: what was deleted since does not come back").isEqualTo(404);
      assertThat(call(server, "GET", "/api/v1/silences", "").body()).contains("old-silence");
    }
  }
}
