package dev.sightline.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyRingTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final Duration PERIOD = Duration.ofDays(90);
  private static final Clock START = Clock.fixed(T0, ZoneOffset.UTC);
  @TempDir Path dir;

  static Clock daysLater(long days) {
    return Clock.offset(START, Duration.ofDays(days));
  }

  static KeyRing open(Path file, long days) {
    return KeyRing.open(file, PERIOD, daysLater(days), false);
  }

  @Test
  void createsAnOwnerOnlyFileWithVersionOne() throws IOException {
    Path file = dir.resolve("keys/field-keys.json");
    KeyRing ring = KeyRing.open(file, PERIOD, START, true);
    assertThat(ring.current().version()).isEqualTo(1);
    assertThat(ring.current().created()).isEqualTo(T0);
    assertThat(ring.current().key().getEncoded()).hasSize(32);
    assertThat(ring.rotations()).containsExactly(new KeyRing.Rotation(1, T0, "created"));
    JsonNode json = new ObjectMapper().readTree(file.toFile());
    assertThat(json.get("keys")).hasSize(1);
    assertThat(Base64.getDecoder().decode(json.get("keys").get(0).get("key").asText()))
        .isEqualTo(ring.current().key().getEncoded());
    assertThat(ring.current().toString()).isEqualTo("KeyVersion[version=1, created=2026-01-01T00:00:00Z]");
    try (var siblings = Files.list(file.getParent())) {
      assertThat(siblings.map(p -> p.getFileName().toString())).as("no temporary file left")
          .containsExactlyInAnyOrder("field-keys.json", "field-keys.json.lock");
    }
    Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
    assertThat(Files.getPosixFilePermissions(file))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  }

  @Test
  void reopensTheSameKeysAndRotatesOnlyWhenDue() throws IOException {
    Path file = dir.resolve("field-keys.json");
    byte[] v1 = KeyRing.open(file, PERIOD, START, true).current().key().getEncoded();
    String created = Files.readString(file);

    KeyRing at89 = open(file, 89);
    assertThat(at89.current().key().getEncoded()).isEqualTo(v1);
    assertThat(at89.rotateIfDue()).isFalse();
    assertThat(Files.readString(file)).isEqualTo(created);

    KeyRing at91 = open(file, 91);
    assertThat(at91.rotateIfDue()).isTrue();
    assertThat(at91.current().version()).isEqualTo(2);
    assertThat(at91.current().created()).isEqualTo(T0.plus(Duration.ofDays(91)));
    assertThat(at91.current().key().getEncoded()).isNotEqualTo(v1);
    assertThat(at91.version(1).orElseThrow().key().getEncoded()).isEqualTo(v1);
    assertThat(at91.rotateIfDue()).as("the new key is not due").isFalse();

    JsonNode json = new ObjectMapper().readTree(file.toFile());
    assertThat(json.get("keys")).extracting(k -> k.get("version").asInt(), k -> k.get("created").asText())
        .containsExactly(tuple(1, "2026-01-01T00:00:00Z"), tuple(2, "2026-04-02T00:00:00Z"));
    assertThat(json.get("keys").get(0).get("key").asText()).isEqualTo(Base64.getEncoder().encodeToString(v1));
    assertThat(json.get("rotations")).extracting(r -> r.get("version").asInt(), r -> r.get("at").asText(), r -> r.get("reason").asText())
        .containsExactly(tuple(1, "2026-01-01T00:00:00Z", "created"), tuple(2, "2026-04-02T00:00:00Z", "scheduled"));

    KeyRing reopened = open(file, 92);
    assertThat(reopened.current().key().getEncoded()).isEqualTo(at91.current().key().getEncoded());
    assertThat(reopened.rotations()).isEqualTo(at91.rotations());
  }

  @Test
  void ringsSharingAFileNeverWriteTwoKeysUnderOneVersion() throws IOException {
    Path file = dir.resolve("field-keys.json");
    KeyRing.open(file, PERIOD, START, true);
    KeyRing a = open(file, 91);
    KeyRing b = open(file, 91);
    KeyRing c = open(file, 91);
    assertThat(a.rotateIfDue()).isTrue();
    assertThat(b.rotateIfDue()).as("b takes a's rotation instead of making its own").isFalse();
    assertThat(b.current().key().getEncoded()).isEqualTo(a.current().key().getEncoded());
    assertThat(new ObjectMapper().readTree(file.toFile()).get("keys")).hasSize(2);
    assertThat(c.current().version()).isEqualTo(1);
    assertThat(c.version(2).orElseThrow().key().getEncoded()).as("a version newer than it knew is read from the file")
        .isEqualTo(a.current().key().getEncoded());
    assertThat(c.version(3)).isEmpty();
  }

  @Test
  void aMissingFileIsAnErrorUnlessItMayBeCreated() {
    Path file = dir.resolve("absent.json");
    assertThatThrownBy(() -> open(file, 0)).isInstanceOf(KeyRingException.class)
        .hasMessage("keystore file " + file + " does not exist");
    assertThat(file).doesNotExist();
    assertThatThrownBy(() -> KeyRing.open(file, Duration.ZERO, START, true)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rotation period");
  }

  @Test
  void aCorruptFileIsNamedWithoutQuotingIt() throws IOException {
    Path corrupt = dir.resolve("corrupt.json");
    Files.writeString(corrupt, "{\"keys\": [{\"version\": 1, \"key\": \"c2VjcmV0LWtleS1tYXRlcmlhbA==\" oops");
    assertThatThrownBy(() -> open(corrupt, 0)).isInstanceOf(KeyRingException.class)
        .hasMessageStartingWith("keystore file " + corrupt + " is not valid JSON")
        .hasMessageNotContaining("c2VjcmV0");
    Files.writeString(corrupt, "{\"keys\": [{\"version\": 1, \"key\": c2VjcmV0LWtleS1tYXRlcmlhbA}]}");
    assertThatThrownBy(() -> open(corrupt, 0)).isInstanceOf(KeyRingException.class)
        .hasMessageStartingWith("keystore file " + corrupt + " is not valid JSON at line 1, column ")
        .hasMessageNotContaining("c2VjcmV0");
    assertThatThrownBy(() -> open(dir, 0)).isInstanceOf(KeyRingException.class)
        .hasMessageStartingWith("keystore file " + dir + " cannot be read");
    Files.writeString(corrupt, "{\"keys\": []}");
    assertThatThrownBy(() -> open(corrupt, 0)).isInstanceOf(KeyRingException.class).hasMessageContaining("holds no keys");
  }

  @Test
  void aBadKeyIsNamedByItsVersion() throws IOException {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, keys(key(3, "2026-01-01T00:00:00Z", new byte[16])));
    assertThatThrownBy(() -> open(file, 0)).isInstanceOf(KeyRingException.class)
        .hasMessage("keystore file " + file + ": key version 3 is 16 bytes; AES-256 needs 32");
    Files.writeString(file, keys("{\"version\": 4, \"created\": \"2026-01-01T00:00:00Z\", \"key\": \"%%%\"}"));
    assertThatThrownBy(() -> open(file, 0)).hasMessageContaining("key version 4 is not valid base64");
    Files.writeString(file, keys(key(5, "yesterday", new byte[32])));
    assertThatThrownBy(() -> open(file, 0)).hasMessageContaining("key version 5 has time 'yesterday'");
    Files.writeString(file, keys(key(1, "2026-01-01T00:00:00Z", new byte[32]) + "," + key(1, "2026-02-01T00:00:00Z", new byte[32])));
    assertThatThrownBy(() -> open(file, 0)).hasMessageContaining("key version 1 appears twice");
    Files.writeString(file, keys("{\"version\": \"one\", \"key\": \"\"}"));
    assertThatThrownBy(() -> open(file, 0)).hasMessageContaining("key #1 has no positive integer version");
  }

  private static String keys(String entries) {
    return "{\"keys\": [" + entries + "]}";
  }

  private static String key(int version, String created, byte[] key) {
    return "{\"version\": " + version + ", \"created\": \"" + created + "\", \"key\": \""
        + Base64.getEncoder().encodeToString(key) + "\"}";
  }

  @Test
  void keyVersionsMustBeAes256() {
    assertThatThrownBy(() -> new KeyVersion(2, T0, new javax.crypto.spec.SecretKeySpec(new byte[24], "AES")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key version 2 must be a 32-byte AES key");
    assertThat(Set.of(new KeyVersion(1, T0, new javax.crypto.spec.SecretKeySpec(new byte[32], "AES")))).hasSize(1);
  }
}
