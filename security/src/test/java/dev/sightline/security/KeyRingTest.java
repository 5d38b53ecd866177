package dev.sightline.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyRingTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final Duration PERIOD = Duration.ofDays(90);
  @TempDir Path dir;

  static Clock at(Instant t) {
    return Clock.fixed(t, ZoneOffset.UTC);
  }

  @Test
  void createsReopensAndRotatesWhenDue() throws IOException {
    Path file = dir.resolve("keys/field-keys.json");
    KeyRing ring = KeyRing.open(file, PERIOD, at(T0), true);
    assertThat(ring.current().version()).isEqualTo(1);
    byte[] v1 = ring.current().key().getEncoded();

    KeyRing at89 = KeyRing.open(file, PERIOD, at(T0.plus(Duration.ofDays(89))), false);
    assertThat(at89.current().key().getEncoded()).isEqualTo(v1);
    assertThat(at89.rotateIfDue()).isFalse();

    KeyRing at91 = KeyRing.open(file, PERIOD, at(T0.plus(Duration.ofDays(91))), false);
    assertThat(at91.rotateIfDue()).isTrue();
    assertThat(at91.current().version()).isEqualTo(2);
    assertThat(at91.version(1).orElseThrow().key().getEncoded()).isEqualTo(v1);

    KeyRing reopened = KeyRing.open(file, PERIOD, at(T0.plus(Duration.ofDays(92))), false);
    assertThat(reopened.current().version()).isEqualTo(2);
    assertThat(reopened.rotations()).extracting(KeyRing.Rotation::version, KeyRing.Rotation::reason)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "created"), org.assertj.core.groups.Tuple.tuple(2, "scheduled"));
    assertThat(Files.readString(file)).contains("\"version\":1", "\"version\":2", "\"reason\":\"scheduled\"");
    assertThat(Files.getPosixFilePermissions(file)).hasSize(2);
    assertThat(ring.current().toString()).doesNotContain(Base64.getEncoder().encodeToString(v1));
  }

  @Test
  void aMissingFileIsAnErrorUnlessItMayBeCreated() {
    Path file = dir.resolve("absent.json");
    assertThatThrownBy(() -> KeyRing.open(file, PERIOD, at(T0), false))
        .isInstanceOf(KeyRingException.class).hasMessageContaining(file.toString()).hasMessageContaining("does not exist");
  }

  @Test
  void aCorruptFileOrAShortKeyIsNamed() throws IOException {
    Path corrupt = dir.resolve("corrupt.json");
    Files.writeString(corrupt, "{\"keys\": [");
    assertThatThrownBy(() -> KeyRing.open(corrupt, PERIOD, at(T0), false))
        .isInstanceOf(KeyRingException.class).hasMessageContaining(corrupt.toString());
    Path shortKey = dir.resolve("short.json");
    Files.writeString(shortKey, "{\"keys\": [{\"version\": 3, \"created\": \"2026-01-01T00:00:00Z\", \"key\": \""
        + Base64.getEncoder().encodeToString(new byte[16]) + "\"}]}");
    assertThatThrownBy(() -> KeyRing.open(shortKey, PERIOD, at(T0), false))
        .isInstanceOf(KeyRingException.class).hasMessageContaining("key version 3 is 16 bytes");
  }
}
