package dev.sightline.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MasksTest {
  @Test
  void masksKeepOnlyWhatHelpsDebugging() {
    assertThat(Masks.email("jane.doe@example.com")).isEqualTo("j***@example.com");
    assertThat(Masks.phone("+44 20 7946 0958")).isEqualTo("+** ** **** ****");
    assertThat(Masks.card("4111 1111 1111 1111")).isEqualTo("**** **** **** 1111");
    assertThat(Masks.card("4111111111111111")).isEqualTo("************1111");
    assertThat(Masks.generic("hunter2")).isEqualTo("****");
  }

  @Test
  void hashesAreKeyedAndStable() {
    byte[] salt = "pepper".getBytes(StandardCharsets.UTF_8);
    String h = Masks.hash("u-42", salt);
    assertThat(h).startsWith("sha256:").hasSize(71).isEqualTo(Masks.hash("u-42", salt));
    assertThat(Masks.hash("u-42", "salt".getBytes(StandardCharsets.UTF_8))).isNotEqualTo(h);
    assertThat(Masks.hash("u-43", salt)).isNotEqualTo(h);
  }
}
