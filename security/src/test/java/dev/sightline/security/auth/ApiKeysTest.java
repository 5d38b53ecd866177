package dev.sightline.security.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import dev.sightline.metadata.MetadataSettings;
import dev.sightline.metadata.MetadataStore;
import dev.sightline.metadata.Replica;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys are kept as hashes, survive a restart, stop working when revoked, and roles grant what they say. */
class ApiKeysTest {
  @TempDir Path dir;

  private MetadataStore store;

  private ApiKeys keys() {
    if (store != null) {
      store.close(); // as a restart would
    }
    store = MetadataStore.open(MetadataSettings.embedded(dir.resolve("metadata.duckdb")), Clock.systemUTC());
    return new ApiKeys(new Replica<>(store.apiKeys()), Clock.systemUTC(), name -> Optional.ofNullable(Role.BUILT_IN.get(name)));
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void keysAreStoredHashedAndSurviveARestart() throws Exception {
    ApiKeys.CreatedKey created = keys().create("ci ingest", "default", "operator");
    String secret = created.token().substring(created.token().lastIndexOf('_') + 1);
    assertThat(store.apiKeys().list()).singleElement().satisfies(k -> {
      assertThat(k.id()).isEqualTo(created.key().id());
      assertThat(k.secretSha256()).isNotEqualTo(secret).hasSize(64);
    });
    ApiKeys reopened = keys();
    Principal p = reopened.authenticate(created.token()).orElseThrow();
    assertThat(p.tenant()).isEqualTo("default");
    assertThat(p.allows(Permission.WRITE_TRACES)).isTrue();
    assertThat(p.allows(Permission.ADMIN_SYSTEM)).isFalse();
    assertThat(reopened.authenticate(created.token() + "x")).isEmpty();
    assertThat(reopened.revoke(created.key().id())).isTrue();
    assertThat(reopened.revoke("nosuchkey")).isFalse();
    assertThat(keys().authenticate(created.token())).as("revoked, also after a restart").isEmpty();
  }

  @Test
  void keysOfAnOlderKeysFileAreImported() throws Exception {
    String secret = "s".repeat(43);
    Files.writeString(dir.resolve("keys.json"), "[{\"id\":\"0a0b0c0d0e0f\",\"name\":\"old\",\"tenant\":\"default\","
        + "\"role\":\"viewer\",\"secretSha256\":\"" + ApiKeys.sha256(secret) + "\",\"createdAt\":\"2025-01-01T00:00:00Z\"}]");
    keys();
    assertThat(ApiKeys.importFile(dir.resolve("keys.json"), store.apiKeys())).isEqualTo(1);
    assertThat(ApiKeys.importFile(dir.resolve("keys.json"), store.apiKeys())).as("again: replaces, adds nothing").isEqualTo(1);
    assertThat(keys().authenticate("sl_0a0b0c0d0e0f_" + secret)).isPresent();
    assertThat(store.apiKeys().list()).hasSize(1);
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
