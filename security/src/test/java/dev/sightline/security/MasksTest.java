package dev.sightline.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MasksTest {
  @Test
  void emailsKeepTheFirstLetterAndTheDomain() {
    assertThat(Masks.email("jane.doe@example.com")).isEqualTo("j***@example.com");
    assertThat(Masks.email("j@example.com")).isEqualTo("j***@example.com");
    assertThat(Masks.email("\uD83D\uDE00x@example.com")).as("a whole code point").isEqualTo("\uD83D\uDE00***@example.com");
    assertThat(Masks.email("@example.com")).isEqualTo("****");
    assertThat(Masks.email("no address")).isEqualTo("****");
  }

  @Test
  void phonesKeepOnlyTheirShape() {
    assertThat(Masks.phone("+44 20 7946 0958")).isEqualTo("+** ** **** ****");
    assertThat(Masks.phone("(415) 555-2671")).isEqualTo("(***) ***-****");
    assertThat(Masks.phone("+14155552671")).isEqualTo("+***********");
  }

  @Test
  void cardsKeepTheirLastFourDigits() {
    assertThat(Masks.card("4111 1111 1111 1111")).isEqualTo("**** **** **** 1111");
    assertThat(Masks.card("4111111111111111")).isEqualTo("************1111");
    assertThat(Masks.card("5500-0000-0000-0004")).isEqualTo("****-****-****-0004");
  }

  @Test
  void genericRevealsNothing() {
    assertThat(Masks.generic("hunter2")).isEqualTo("****");
    assertThat(Masks.generic("a much longer secret value")).isEqualTo("****");
    assertThat(Masks.generic("")).isEqualTo("****");
  }

  @Test
  void hashesAreHmacSha256KeyedBySaltAndStable() {
    // RFC 4231, test case 2
    assertThat(Masks.hash("what do ya want for nothing?", "Jefe".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("sha256:5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    byte[] salt = "pepper".getBytes(StandardCharsets.UTF_8);
    String h = Masks.hash("u-42", salt);
    assertThat(h).matches("sha256:[0-9a-f]{64}").isEqualTo(Masks.hash("u-42", salt.clone()));
    assertThat(Masks.hash("u-42", "salt".getBytes(StandardCharsets.UTF_8))).isNotEqualTo(h);
    assertThat(Masks.hash("u-43", salt)).isNotEqualTo(h);
  }

  @Test
  void masksOnlyTheSensitivePartsOfALogLine() {
    String line = "2026-11-25T10:00:00Z INFO order 42 by jane.doe@example.com paid with 4111 1111 1111 1111 (retry 3)";
    assertThat(Masks.maskText(line, Classifier.defaults().findSensitive(line))).isEqualTo(
        "2026-11-25T10:00:00Z INFO order 42 by j***@example.com paid with **** **** **** 1111 (retry 3)");
    assertThat(Masks.maskText("call +1 415 555 2671 now", Classifier.defaults().findSensitive("call +1 415 555 2671 now")))
        .isEqualTo("call +* *** *** **** now");
    assertThat(Masks.maskText("nothing here", List.of())).isEqualTo("nothing here");
    assertThat(Masks.maskText("key sk_live_abc!", List.of(new Classifier.Match(4, 15, DataClass.RESTRICTED, Classifier.Kind.OTHER))))
        .isEqualTo("key ****!");
  }

  @Test
  void overlappingMatchesAreRefused() {
    List<Classifier.Match> overlapping = List.of(new Classifier.Match(0, 5, DataClass.PERSONAL, Classifier.Kind.OTHER),
        new Classifier.Match(3, 8, DataClass.PERSONAL, Classifier.Kind.OTHER));
    assertThatThrownBy(() -> Masks.maskText("0123456789", overlapping)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("match 3..8 overlaps");
    assertThatThrownBy(() -> Masks.maskText("short", List.of(new Classifier.Match(2, 9, DataClass.PERSONAL, Classifier.Kind.OTHER))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside the text of length 5");
  }
}
