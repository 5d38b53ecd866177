package dev.sightline.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FieldCipherTest {
  @TempDir Path dir;

  @Test
  void roundTripsAndPicksTheKeyVersionAfterRotation() {
    Path file = dir.resolve("keys.json");
    KeyRing ring = KeyRing.open(file, Duration.ofDays(90), KeyRingTest.at(KeyRingTest.T0), true);
    FieldCipher cipher = new FieldCipher(ring);
    String old = cipher.encrypt("pässwörd ✓");
    assertThat(old).startsWith("enc:v1:").doesNotContain("pässwörd");
    assertThat(cipher.encrypt("pässwörd ✓")).as("random nonce").isNotEqualTo(old);
    assertThat(FieldCipher.isToken(old)).isTrue();

    KeyRing later = KeyRing.open(file, Duration.ofDays(90), KeyRingTest.at(KeyRingTest.T0.plus(Duration.ofDays(100))), false);
    later.rotateIfDue();
    FieldCipher rotated = new FieldCipher(later);
    String fresh = rotated.encrypt("new");
    assertThat(fresh).startsWith("enc:v2:");
    assertThat(rotated.decrypt(old)).isEqualTo("pässwörd ✓");
    assertThat(rotated.decrypt(fresh)).isEqualTo("new");
  }

  @Test
  void tamperedUnknownAndMalformedValuesFailClearly() {
    KeyRing ring = KeyRing.open(dir.resolve("keys.json"), Duration.ofDays(90), KeyRingTest.at(KeyRingTest.T0), true);
    FieldCipher cipher = new FieldCipher(ring);
    String token = cipher.encrypt("secret");
    int at = token.length() - 8;
    String tampered = token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1);
    assertThatThrownBy(() -> cipher.decrypt(tampered)).isInstanceOf(FieldCipherException.class)
        .hasMessageContaining("fails authentication under key version 1");
    assertThatThrownBy(() -> cipher.decrypt(token.replace("enc:v1:", "enc:v7:")))
        .isInstanceOf(FieldCipherException.class).hasMessageContaining("key version 7 is not in the keystore");
    assertThatThrownBy(() -> cipher.decrypt(token.replace("enc:v1:", "enc:v2:")))
        .isInstanceOf(FieldCipherException.class);
    assertThatThrownBy(() -> cipher.decrypt("hello")).isInstanceOf(FieldCipherException.class)
        .hasMessageContaining("not an encrypted value");
  }
}
