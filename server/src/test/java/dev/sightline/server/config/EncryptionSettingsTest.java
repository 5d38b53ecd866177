package dev.sightline.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptionSettingsTest {
  static final String KEY = "k1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
  @TempDir Path dir;

  @Test
  void offByDefault() {
    EncryptionSettings e = ConfigLoader.load(List.of(), Map.of()).encryption();
    assertThat(e.enabled()).isFalse();
    assertThat(e.unsafeBuiltinStoreCrypto()).isFalse();
  }

  @Test
  void theMasterKeyComesFromTheEnvironmentAndNeverShowsInToString() {
    EncryptionSettings e = ConfigLoader.load(List.of("--encryption.enabled=true"), Map.of("SIGHTLINE_MASTER_KEY", KEY)).encryption();
    assertThat(e.enabled()).isTrue();
    assertThat(e.masterKeyEnv()).isEqualTo(KEY);
    assertThat(e.toString()).doesNotContain("AAAA").contains("masterKeyEnv=set");
  }

  @Test
  void noKeyOrBothWaysAreRefusedNamingTheKeys() throws Exception {
    assertThatThrownBy(() -> ConfigLoader.load(List.of("--encryption.enabled=true"), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("encryption.master.key.file")
        .hasMessageContaining("SIGHTLINE_MASTER_KEY");
    Path file = Files.writeString(dir.resolve("master.keys"), KEY);
    assertThatThrownBy(() -> ConfigLoader.load(List.of("--encryption.enabled=true", "--encryption.master.key.file=" + file),
        Map.of("SIGHTLINE_MASTER_KEY", KEY))).hasMessageContaining("both set");
    assertThatThrownBy(() -> ConfigLoader.load(List.of("--encryption.master.key.file=" + dir.resolve("missing")), Map.of()))
        .hasMessageContaining("encryption.master.key.file: '" + dir.resolve("missing") + "' is not a readable file");
    assertThat(ConfigLoader.load(List.of("--encryption.enabled=true", "--encryption.master.key.file=" + file), Map.of())
        .encryption().masterKeyFile()).isEqualTo(file);
  }
}
