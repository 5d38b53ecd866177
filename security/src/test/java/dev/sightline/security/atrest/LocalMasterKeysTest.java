package dev.sightline.security.atrest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalMasterKeysTest {
  @TempDir Path dir;

  static String randomKey() {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    return Base64.getEncoder().encodeToString(k);
  }

  @Test
  void readsNamedAndFingerprintedKeysFromAFileTheFirstBeingCurrent() throws Exception {
    String a = randomKey();
    String b = randomKey();
    Path file = dir.resolve("master.keys");
    Files.writeString(file, "# newest first\n2026-q2:" + a + "\n\n" + b + "\n");
    LocalMasterKeys keys = LocalMasterKeys.fromFile(file);
    assertThat(keys.currentId()).isEqualTo("2026-q2");
    assertThat(keys.ids()).hasSize(2).startsWith("2026-q2");
    assertThat(keys.ids().get(1)).matches("[0-9a-f]{16}")
        .isEqualTo(MasterKey.fingerprinted(Base64.getDecoder().decode(b)).id());
  }

  @Test
  void environmentTextMaySeparateEntriesWithCommas() {
    LocalMasterKeys keys = LocalMasterKeys.fromText("new:" + randomKey() + ",old:" + randomKey(), "SIGHTLINE_MASTER_KEY");
    assertThat(keys.ids()).containsExactly("new", "old");
  }

  @Test
  void badEntriesAreNamedWithoutQuotingTheKey() {
    String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
    assertThatThrownBy(() -> LocalMasterKeys.fromText(shortKey, "SIGHTLINE_MASTER_KEY"))
        .isInstanceOf(AtRestException.class).hasMessageContaining("SIGHTLINE_MASTER_KEY: entry 1 is 16 bytes")
        .hasMessageNotContaining(shortKey);
    assertThatThrownBy(() -> LocalMasterKeys.fromText("k1:not*base64", "SIGHTLINE_MASTER_KEY"))
        .hasMessageContaining("entry 1 is not valid base64").hasMessageNotContaining("not*base64");
    assertThatThrownBy(() -> LocalMasterKeys.fromText(" \n# only a comment\n", "SIGHTLINE_MASTER_KEY"))
        .hasMessageContaining("holds no master key").hasMessageContaining("openssl rand -base64 32");
    String k = randomKey();
    assertThatThrownBy(() -> LocalMasterKeys.fromText("x:" + k + " x:" + randomKey(), "SIGHTLINE_MASTER_KEY"))
        .hasMessageContaining("'x' is listed twice");
    assertThatThrownBy(() -> LocalMasterKeys.fromFile(dir.resolve("missing")))
        .hasMessageContaining("master key file " + dir.resolve("missing") + " cannot be read");
  }

  @Test
  void wrapsUnderTheCurrentKeyAndUnwrapsUnderAnyListedKey() {
    String oldKey = randomKey();
    LocalMasterKeys before = LocalMasterKeys.fromText("old:" + oldKey, "test");
    SecretKey data = new SecretKeySpec(new byte[32], "AES");
    MasterKeys.WrappedKey wrapped = before.wrap(data, "ctx");
    assertThat(wrapped.masterKeyId()).isEqualTo("old");
    LocalMasterKeys after = LocalMasterKeys.fromText("new:" + randomKey() + "\nold:" + oldKey, "test");
    assertThat(after.unwrap(wrapped, "ctx").getEncoded()).isEqualTo(data.getEncoded());
    assertThat(after.wrap(data, "ctx").masterKeyId()).isEqualTo("new");
    assertThatThrownBy(() -> after.unwrap(wrapped, "other context"))
        .isInstanceOf(AtRestException.class).hasMessageContaining("fails authentication under master key 'old'");
  }

  @Test
  void anUnknownOrWrongMasterKeyIsAClearError() {
    MasterKeys.WrappedKey wrapped = LocalMasterKeys.fromText("k:" + randomKey(), "test")
        .wrap(new SecretKeySpec(new byte[32], "AES"), "ctx");
    assertThatThrownBy(() -> LocalMasterKeys.fromText("other:" + randomKey(), "test").unwrap(wrapped, "ctx"))
        .hasMessageContaining("wrapped by master key 'k', which is not configured (configured: other)");
    assertThatThrownBy(() -> LocalMasterKeys.fromText("k:" + randomKey(), "test").unwrap(wrapped, "ctx"))
        .hasMessageContaining("not the one that wrapped it");
  }

  @Test
  void toStringShowsOnlyTheId() {
    MasterKey k = MasterKey.fingerprinted(new byte[32]);
    assertThat(k.toString()).isEqualTo("MasterKey[id=" + k.id() + "]");
  }
}
