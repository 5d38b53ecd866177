package dev.sightline.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;

class IdsTest {
  @Test
  void hexIsLowercaseAndRoundTrips() {
    ByteString id = ByteString.copyFrom(new byte[] {0x00, 0x1f, (byte) 0xab, (byte) 0xff});
    assertThat(Ids.toHex(id)).isEqualTo("001fabff");
    assertThat(Ids.fromHex("001fabff")).isEqualTo(id);
    assertThat(Ids.fromHex("001FABFF")).isEqualTo(id);
    assertThat(Ids.fromHex("001fAbFf")).isEqualTo(id);
  }

  @Test
  void emptyHexIsAnEmptyId() {
    assertThat(Ids.fromHex("")).isEqualTo(ByteString.EMPTY);
    assertThat(Ids.toHex(ByteString.EMPTY)).isEmpty();
  }

  @Test
  void badHexNamesTheProblem() {
    assertThatThrownBy(() -> Ids.fromHex("abc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("\"abc\" is not hex: it has an odd number of digits (3), expected two per byte");
    assertThatThrownBy(() -> Ids.fromHex("xyz0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("\"xyz0\" is not hex: 'x' at index 0 is not a hex digit (0-9, a-f, A-F)");
    // Character.digit would accept these full-width digits; ids must not.
    assertThatThrownBy(() -> Ids.fromHex("\uff11\uff12")).hasMessageContaining("at index 0 is not a hex digit");
    assertThatThrownBy(() -> Ids.fromHex("0".repeat(99) + "g"))
        .hasMessageStartingWith("\"" + "0".repeat(64) + "…\" (100 characters) is not hex: 'g' at index 99");
  }

  @Test
  void allZero() {
    assertThat(Ids.isAllZero(ByteString.copyFrom(new byte[16]))).isTrue();
    assertThat(Ids.isAllZero(Ids.fromHex("0000000000000001"))).isFalse();
    assertThat(Ids.isAllZero(ByteString.EMPTY)).isTrue();
  }
}
