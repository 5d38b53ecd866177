package dev.sightline.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code fluent.*} keys: off by default, their defaults, the shared key from the environment, bad values. */
class FluentConfigTest {
  @Test
  void offByDefaultWithTheDocumentedLimits() {
    ServerConfig.FluentConfig f = ConfigLoader.load(List.of(), Map.of()).fluent();
    assertThat(f).isEqualTo(new ServerConfig.FluentConfig(false, 24224, 16 << 20, 1024, Duration.ofMinutes(2), ""));
  }

  @Test
  void theSharedKeyComesFromTheEnvironment() {
    ServerConfig.FluentConfig f = ConfigLoader.load(List.of("--fluent.enabled=true", "--fluent.port=0"),
        Map.of("SIGHTLINE_FLUENT_SHARED_KEY", "s3cret")).fluent();
    assertThat(f.enabled()).isTrue();
    assertThat(f.port()).isZero();
    assertThat(f.sharedKey()).isEqualTo("s3cret");
  }

  @Test
  void badValuesNameTheKey() {
    assertThatThrownBy(() -> ConfigLoader.load(List.of("--fluent.read.timeout=0s"), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("fluent.read.timeout: must be more than 0");
    assertThatThrownBy(() -> ConfigLoader.load(List.of("--fluent.max.connections=0"), Map.of()))
        .hasMessageContaining("fluent.max.connections");
    assertThatThrownBy(() -> ConfigLoader.load(List.of("--fluent.max.message.bytes=12"), Map.of()))
        .hasMessageContaining("fluent.max.message.bytes");
  }
}
