package dev.sightline.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sightline.server.cli.SightlineCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sightline keys create|list|revoke} against a running server, as an admin and without a key. */
class CliKeysTest {
  private static final String ADMIN = "cli-test-admin-key";
  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private static Run cli(TestServer server, String key, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = SightlineCli.run(List.of(args), Map.of("SIGHTLINE_URL", server.api(), "SIGHTLINE_API_KEY", key),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void createListAndRevokeAKey() {
    try (TestServer server = new TestServer(dir, "--auth.enabled=true", "--auth.admin.key=" + ADMIN)) {
      Run created = cli(server, ADMIN, "keys", "create", "--name=ci shipper", "--role=operator", "--tenant=acme");
      assertThat(created.code()).as(created.err()).isZero();
      String key = created.out().lines().findFirst().orElseThrow();
      assertThat(key).startsWith("sl_");
      String id = key.split("_")[1];
      assertThat(created.out()).contains("role operator, tenant acme").contains("shown once");

      Run listed = cli(server, ADMIN, "keys", "list");
      assertThat(listed.code()).isZero();
      assertThat(listed.out()).contains(id).contains("ci shipper").contains("acme").doesNotContain(key);

      assertThat(cli(server, key, "keys", "list").code()).as("an operator key may not list keys").isEqualTo(1);
      assertThat(cli(server, ADMIN, "keys", "revoke", id).out()).contains("revoked " + id);
      Run afterRevoke = cli(server, key, "keys", "list");
      assertThat(afterRevoke.code()).isEqualTo(1);
      assertThat(afterRevoke.err()).contains("401").contains("unknown or revoked");
    }
  }

  @Test
  void usageErrorsSayWhatIsWrong() {
    try (TestServer server = new TestServer(dir, "--auth.enabled=true", "--auth.admin.key=" + ADMIN)) {
      Run missing = cli(server, ADMIN, "keys", "create", "--role=viewer");
      assertThat(missing.code()).isEqualTo(2);
      assertThat(missing.err()).contains("Missing required option").contains("--name");
      Run noKey = cli(server, "", "keys", "list");
      assertThat(noKey.code()).isEqualTo(1);
      assertThat(noKey.err()).contains("401").contains("SIGHTLINE_API_KEY");
      assertThat(cli(server, ADMIN, "keys", "rotate").err()).contains("Unmatched argument").contains("rotate");
    }
  }
}
