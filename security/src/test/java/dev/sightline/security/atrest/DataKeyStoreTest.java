package dev.sightline.security.atrest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataKeyStoreTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
  @TempDir Path dir;

  static LocalMasterKeys master(String... entries) {
    return LocalMasterKeys.fromText(String.join("\n", entries), "test");
  }

  @Test
  void createsVersionOneWrappedInAnOwnerOnlyFileWithoutTheKeyInIt() throws Exception {
    Path file = dir.resolve("security/data-keys.json");
    DataKeyStore keys = DataKeyStore.open(file, master("m1:" + LocalMasterKeysTest.randomKey()), CLOCK);
    DataKey k = keys.current();
    assertThat(k.version()).isEqualTo(1);
    assertThat(k.masterKeyId()).isEqualTo("m1");
    assertThat(keys.storeKey()).isEqualTo(k);
    String text = Files.readString(file);
    assertThat(text).doesNotContain(Base64.getEncoder().encodeToString(k.key().getEncoded()));
    JsonNode json = new ObjectMapper().readTree(text);
    assertThat(json.get("keys").get(0).get("masterKey").asText()).isEqualTo("m1");
    assertThat(k.toString()).doesNotContain(Base64.getEncoder().encodeToString(k.key().getEncoded()));
    Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
    assertThat(Files.getPosixFilePermissions(file))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  }

  @Test
  void reopensWithTheSameKeysAndRotatesToNewVersions() {
    Path file = dir.resolve("data-keys.json");
    String m = "m1:" + LocalMasterKeysTest.randomKey();
    DataKeyStore first = DataKeyStore.open(file, master(m), CLOCK);
    DataKey v2 = first.rotate();
    assertThat(v2.version()).isEqualTo(2);
    assertThat(first.current()).isEqualTo(v2);
    DataKeyStore again = DataKeyStore.open(file, master(m), CLOCK);
    assertThat(again.versions()).extracting(DataKey::version).containsExactly(1, 2);
    assertThat(again.version(1).orElseThrow().key().getEncoded()).isEqualTo(first.version(1).orElseThrow().key().getEncoded());
    assertThat(again.storeKey().version()).as("the store keeps the key it was created with").isEqualTo(1);
    assertThat(again.rewrappedAtOpen()).isZero();
  }

  @Test
  void aNewMasterKeyInFrontRewrapsEveryDataKeyWithoutChangingIt() throws Exception {
    Path file = dir.resolve("data-keys.json");
    String old = "old:" + LocalMasterKeysTest.randomKey();
    DataKeyStore before = DataKeyStore.open(file, master(old), CLOCK);
    before.rotate();
    String neu = "new:" + LocalMasterKeysTest.randomKey();
    DataKeyStore rotated = DataKeyStore.open(file, master(neu, old), CLOCK);
    assertThat(rotated.rewrappedAtOpen()).isEqualTo(2);
    assertThat(rotated.versions()).extracting(DataKey::masterKeyId).containsOnly("new");
    assertThat(new ObjectMapper().readTree(file.toFile()).findValuesAsText("masterKey")).containsOnly("new");
    // the old master key can now be dropped
    DataKeyStore newOnly = DataKeyStore.open(file, master(neu), CLOCK);
    for (int v = 1; v <= 2; v++) {
      assertThat(newOnly.version(v).orElseThrow().key().getEncoded())
          .isEqualTo(before.version(v).orElseThrow().key().getEncoded());
    }
  }

  @Test
  void aWrongOrMissingMasterKeyStopsWithTheKeyIdAndBothWaysToGiveOne() {
    Path file = dir.resolve("data-keys.json");
    DataKeyStore.open(file, master("m1:" + LocalMasterKeysTest.randomKey()), CLOCK);
    assertThatThrownBy(() -> DataKeyStore.open(file, master("m2:" + LocalMasterKeysTest.randomKey()), CLOCK))
        .isInstanceOf(AtRestException.class)
        .hasMessageContaining("data key version 1")
        .hasMessageContaining("wrapped by master key 'm1', which is not configured")
        .hasMessageContaining("encryption.master.key.file or SIGHTLINE_MASTER_KEY");
    assertThatThrownBy(() -> DataKeyStore.open(file, master("m1:" + LocalMasterKeysTest.randomKey()), CLOCK))
        .isInstanceOf(AtRestException.class).hasMessageContaining("fails authentication under master key 'm1'");
  }

  @Test
  void anAlteredFileIsRefused() throws Exception {
    Path file = dir.resolve("data-keys.json");
    String m = "m1:" + LocalMasterKeysTest.randomKey();
    DataKeyStore.open(file, master(m), CLOCK);
    // claim the wrapped key belongs to version 2: the version is bound to the wrapping
    Files.writeString(file, Files.readString(file).replace("\"version\" : 1", "\"version\" : 2")
        .replace("\"storeKeyVersion\" : 1", "\"storeKeyVersion\" : 2"));
    assertThatThrownBy(() -> DataKeyStore.open(file, master(m), CLOCK)).hasMessageContaining("data key version 2")
        .hasMessageContaining("fails authentication");
    Files.writeString(file, "{not json");
    assertThatThrownBy(() -> DataKeyStore.open(file, master(m), CLOCK)).hasMessageContaining("is not valid JSON at line 1");
  }
}
