package dev.sightline.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RequestLimitsTest {
  @Test
  void defaults() {
    assertThat(RequestLimits.DEFAULTS).isEqualTo(new RequestLimits(50_000, 128, 32_768));
  }

  @Test
  void limitsMustBePositive() {
    assertThatThrownBy(() -> new RequestLimits(0, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxItemsPerRequest must be a positive number, got 0");
    assertThatThrownBy(() -> new RequestLimits(1, -1, 1))
        .hasMessage("maxAttributesPerItem must be a positive number, got -1");
    assertThatThrownBy(() -> new RequestLimits(1, 1, 0))
        .hasMessage("maxAttributeValueLength must be a positive number, got 0");
  }
}
