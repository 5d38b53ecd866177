package dev.sightline.security.atrest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobCipherTest {
  static final byte[] TEXT = "plaintext-canary-7f3a in a payload".getBytes(StandardCharsets.UTF_8);
  static final byte[] HERE = "segment 1, sequence 7".getBytes(StandardCharsets.UTF_8);
  @TempDir Path dir;
  final String master = "m:" + LocalMasterKeysTest.randomKey();
  DataKeyStore keys;
  BlobCipher cipher;

  @BeforeEach
  void open() {
    keys = DataKeyStore.open(dir.resolve("data-keys.json"), DataKeyStoreTest.master(master), DataKeyStoreTest.CLOCK);
    cipher = new BlobCipher(keys, "ingest-log");
  }

  @Test
  void roundTripsWithoutThePlaintextInTheBlob() {
    byte[] sealed = cipher.seal(TEXT, HERE);
    assertThat(sealed).hasSize(TEXT.length + BlobCipher.OVERHEAD);
    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("canary");
    assertThat(cipher.open(sealed, HERE)).isEqualTo(TEXT);
    assertThat(cipher.seal(TEXT, HERE)).as("a fresh nonce each time").isNotEqualTo(sealed);
    assertThat(cipher.open(cipher.seal(new byte[0], HERE), HERE)).isEmpty();
  }

  @Test
  void aTamperedBlobIsRefused() {
    byte[] sealed = cipher.seal(TEXT, HERE);
    for (int i : new int[] {5, 17, sealed.length - 1}) {
      byte[] bad = sealed.clone();
      bad[i] ^= 1;
      assertThatThrownBy(() -> cipher.open(bad, HERE)).as("byte " + i).isInstanceOf(AtRestException.class)
          .hasMessageContaining("fails authentication under data key version 1");
    }
    byte[] otherVersion = sealed.clone();
    otherVersion[4] = 9;
    assertThatThrownBy(() -> cipher.open(otherVersion, HERE)).hasMessageContaining("data key version 9 is not in the data-key file");
    assertThatThrownBy(() -> cipher.open(new byte[10], HERE)).hasMessageContaining("too short");
  }

  @Test
  void aBlobMovedElsewhereIsRefused() {
    byte[] sealed = cipher.seal(TEXT, HERE);
    assertThatThrownBy(() -> cipher.open(sealed, "segment 1, sequence 8".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(AtRestException.class).hasMessageContaining("moved from elsewhere");
    assertThatThrownBy(() -> new BlobCipher(keys, "store").open(sealed, HERE))
        .as("another purpose derives another key").isInstanceOf(AtRestException.class);
  }

  @Test
  void afterRotationNewBlobsUseTheNewVersionAndOldOnesStillOpen() {
    byte[] old = cipher.seal(TEXT, HERE);
    keys.rotate();
    assertThat(cipher.currentVersion()).isEqualTo(2);
    byte[] fresh = cipher.seal(TEXT, HERE);
    assertThat(fresh[4]).isEqualTo((byte) 2);
    assertThat(old[4]).isEqualTo((byte) 1);
    assertThat(cipher.open(old, HERE)).isEqualTo(TEXT);
    assertThat(cipher.open(fresh, HERE)).isEqualTo(TEXT);
    BlobCipher reopened = new BlobCipher(DataKeyStore.open(keys.file(), DataKeyStoreTest.master(master),
        DataKeyStoreTest.CLOCK), "ingest-log");
    assertThat(reopened.open(old, HERE)).isEqualTo(TEXT);
    assertThat(reopened.open(fresh, HERE)).isEqualTo(TEXT);
  }
}
