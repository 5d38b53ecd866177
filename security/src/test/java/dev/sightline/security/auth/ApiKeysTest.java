package dev.sightline.security.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys are kept as hashes, survive a restart, stop working when revoked, and roles grant what they say. */
class ApiKeysTest {
  @TempDir Path dir;

  private ApiKeys keys() {
    return new ApiKeys(dir.resolve("keys.json"), Clock.systemUTC(), name -> Optional.ofNullable(Role.BUILT_IN.get(name)));
  }

  @Test
  void keysAreStoredHashedAndSurviveARestart() throws Exception {
    ApiKeys.CreatedKey created = keys().create("ci ingest", "default", "operator");
    String secret = created.token().substring(created.token().lastIndexOf('_') + 1);
    assertThat(Files.readString(dir.resolve("keys.json"))).doesNotContain(secret).contains(created.key().id());
    ApiKeys reopened = keys();
    Principal p = reopened.authenticate(created.token()).orElseThrow();
    assertThat(p.tenant()).isEqualTo("default");
    assertThat(p.allows(Permission.WRITE_TRACES)).isTrue();
    assertThat(p.allows(Permission.ADMIN_SYSTEM)).isFalse();
    assertThat(reopened.authenticate(created.token() + "x")).isEmpty();
    assertThat(reopened.revoke(created.key().id())).isTrue();
    assertThat(keys().authenticate(created.token())).as("revoked, also after a restart").isEmpty();
  }

  @Test
  void rolesGrantWhatTheySay() {
    assertThat(Role.BUILT_IN.get("viewer").allows(Permission.READ_LOGS)).isTrue();
    assertThat(Role.BUILT_IN.get("viewer").allows(Permission.WRITE_LOGS)).isFalse();
    assertThat(Role.BUILT_IN.get("analyst").allows(Permission.WRITE_REPORTS)).isTrue();
    assertThat(Role.BUILT_IN.get("analyst").allows(Permission.WRITE_RULES)).isFalse();
    assertThat(Role.BUILT_IN.get("admin").allows(Permission.ADMIN_SYSTEM)).isTrue();
    assertThat(new Role("ingest-only", java.util.Set.of("write:*")).allows(Permission.WRITE_METRICS)).isTrue();
    assertThatThrownBy(() -> new Role("bad", java.util.Set.of("delete:everything"))).hasMessageContaining("grant 'delete:everything'");
    assertThatThrownBy(() -> keys().create("k", "default", "superuser")).hasMessageStartingWith("role: 'superuser' is not a role");
  }
}
