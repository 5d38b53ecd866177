package dev.sightline.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FieldCipherTest {
  @TempDir Path dir;

  private Path created() {
    Path file = dir.resolve("keys.json");
    KeyRing.open(file, KeyRingTest.PERIOD, KeyRingTest.daysLater(0), true);
    return file;
  }

  @Test
  void roundTripsAnyTextAsAVersionedToken() {
    FieldCipher cipher = new FieldCipher(KeyRingTest.open(created(), 0));
    for (String plain : List.of("s3cret", "", "pässwörd ✓ 日本語 \uD83D\uDE00")) {
      String token = cipher.encrypt(plain);
      assertThat(token).matches("enc:v1:[A-Za-z0-9_-]+");
      assertThat(FieldCipher.isToken(token)).isTrue();
      byte[] sealed = Base64.getUrlDecoder().decode(token.substring("enc:v1:".length()));
      assertThat(sealed).hasSize(12 + plain.getBytes(StandardCharsets.UTF_8).length + 16);
      assertThat(cipher.decrypt(token)).isEqualTo(plain);
    }
    assertThat(cipher.encrypt("same")).as("a fresh nonce each time").isNotEqualTo(cipher.encrypt("same"));
  }

  @Test
  void tokensAreStandardAesGcmWithTheVersionAsAssociatedData() throws Exception {
    KeyRing ring = KeyRingTest.open(created(), 0);
    byte[] sealed = Base64.getUrlDecoder().decode(new FieldCipher(ring).encrypt("interop").substring(7));
    Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
    aes.init(Cipher.DECRYPT_MODE, ring.current().key(), new GCMParameterSpec(128, sealed, 0, 12));
    aes.updateAAD("sightline-field:v1".getBytes(StandardCharsets.UTF_8));
    assertThat(new String(aes.doFinal(sealed, 12, sealed.length - 12), StandardCharsets.UTF_8)).isEqualTo("interop");
    aes.init(Cipher.DECRYPT_MODE, ring.current().key(), new GCMParameterSpec(128, Arrays.copyOf(sealed, 12)));
    assertThatThrownBy(() -> aes.doFinal(sealed, 12, sealed.length - 12)).isInstanceOf(AEADBadTagException.class);
  }

  @Test
  void decryptsWithTheVersionATokenNamesAfterRotation() {
    Path file = created();
    String old = new FieldCipher(KeyRingTest.open(file, 0)).encrypt("pässwörd ✓");
    KeyRing later = KeyRingTest.open(file, 100);
    assertThat(later.rotateIfDue()).isTrue();
    FieldCipher rotated = new FieldCipher(later);
    String fresh = rotated.encrypt("new");
    assertThat(fresh).startsWith("enc:v2:");
    assertThat(rotated.decrypt(old)).isEqualTo("pässwörd ✓");
    assertThat(rotated.decrypt(fresh)).isEqualTo("new");
    assertThatThrownBy(() -> rotated.decrypt(old.replace("enc:v1:", "enc:v2:"))).isInstanceOf(FieldCipherException.class)
        .hasMessage("the encrypted value fails authentication under key version 2: it was altered or made with another key");
  }

  @Test
  void tamperedUnknownAndMalformedValuesFailClearly() {
    KeyRing ring = KeyRingTest.open(created(), 0);
    FieldCipher cipher = new FieldCipher(ring);
    String token = cipher.encrypt("secret");
    byte[] sealed = Base64.getUrlDecoder().decode(token.substring(7));
    sealed[14] ^= 1;
    String tampered = "enc:v1:" + Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
    String keyText = Base64.getEncoder().encodeToString(ring.current().key().getEncoded());
    assertThatThrownBy(() -> cipher.decrypt(tampered)).isInstanceOf(FieldCipherException.class)
        .hasMessage("the encrypted value fails authentication under key version 1: it was altered or made with another key")
        .hasMessageNotContaining(keyText);
    assertThatThrownBy(() -> cipher.decrypt(token.replace("enc:v1:", "enc:v7:"))).isInstanceOf(FieldCipherException.class)
        .hasMessage("key version 7 is not in the keystore " + ring.file());
    assertThatThrownBy(() -> cipher.decrypt("hello")).isInstanceOf(FieldCipherException.class)
        .hasMessage("not an encrypted value; expected enc:v<version>:<base64url>");
    assertThatThrownBy(() -> cipher.decrypt("enc:v1:A")).hasMessage("the encrypted value is not valid base64url");
    assertThatThrownBy(() -> cipher.decrypt("enc:v1:AAAA")).hasMessage("the encrypted value is too short to hold a nonce and a tag");
    assertThat(List.of("enc:v0:AAAA", "enc:v01:AAAA", "enc:v1:AA==", "enc:v1:", "xenc:v1:AAAA", "hello"))
        .noneMatch(FieldCipher::isToken);
  }

  @Test
  void encryptsSafelyWhileTheRingRotates() throws Exception {
    Path file = created();
    KeyRing ring = KeyRingTest.open(file, 91);
    FieldCipher cipher = new FieldCipher(ring);
    Map<String, String> tokens = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        work.add(pool.submit(() -> {
          for (int i = 0; i < 300; i++) {
            String plain = thread + "/" + i;
            tokens.put(cipher.encrypt(plain), plain);
          }
        }));
      }
      assertThat(ring.rotateIfDue()).isTrue();
      for (Future<?> f : work) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    assertThat(tokens).hasSize(1200);
    FieldCipher reopened = new FieldCipher(KeyRingTest.open(file, 92));
    tokens.forEach((token, plain) -> assertThat(reopened.decrypt(token)).isEqualTo(plain));
    assertThat(reopened.encrypt("x")).startsWith("enc:v2:");
  }
}
