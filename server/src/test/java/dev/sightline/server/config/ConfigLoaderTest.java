package dev.sightline.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  @Test
  void defaultsWhenNothingIsGiven() {
    ServerConfig c = ConfigLoader.load(List.of(), Map.of());
    assertThat(c.dataDir()).isEqualTo(Path.of("./data"));
    assertThat(c.otlpGrpcPort()).isEqualTo(4317);
    assertThat(c.otlpHttpPort()).isEqualTo(4318);
    assertThat(c.httpPort()).isEqualTo(8080);
    assertThat(c.maxRequestBytes()).isEqualTo(16 << 20);
    assertThat(c.shutdownTimeout()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void fileThenEnvironmentThenFlagsEachWin() throws Exception {
    Path file = dir.resolve("sightline.yaml");
    Files.writeString(file, """
        otlp:
          grpc:
            port: 14317
          http:
            port: 14318
        http:
          port: 18080
        limits:
          request:
            bytes: 1MiB
        """);
    ServerConfig c = ConfigLoader.load(List.of("--config=" + file, "--http.port=28080"),
        Map.of("SIGHTLINE_OTLP_HTTP_PORT", "24318", "SIGHTLINE_HTTP_PORT", "38080", "SIGHTLINE_UNRELATED", "x"));
    assertThat(c.otlpGrpcPort()).isEqualTo(14317);
    assertThat(c.otlpHttpPort()).isEqualTo(24318);
    assertThat(c.httpPort()).isEqualTo(28080);
    assertThat(c.maxRequestBytes()).isEqualTo(1 << 20);
  }

  @Test
  void errorsNameTheKeyAndTheReason() {
    assertThatThrownBy(() -> ConfigLoader.load(List.of("--otlp.grpc.port=70000"), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("otlp.grpc.port").hasMessageContaining("out of range");
    assertThatThrownBy(() -> ConfigLoader.load(List.of("--limits.request.bytes=lots"), Map.of()))
        .hasMessageContaining("limits.request.bytes").hasMessageContaining("not a size");
    assertThatThrownBy(() -> ConfigLoader.load(List.of("--shutdown.timeout=soon"), Map.of()))
        .hasMessageContaining("shutdown.timeout");
    assertThatThrownBy(() -> ConfigLoader.load(List.of("--otlp.grcp.port=1"), Map.of()))
        .hasMessageContaining("unknown configuration key otlp.grcp.port");
    assertThatThrownBy(() -> ConfigLoader.load(List.of("start"), Map.of()))
        .hasMessageContaining("--key=value");
    assertThatThrownBy(() -> ConfigLoader.load(List.of("--config=" + dir.resolve("missing.yaml")), Map.of()))
        .hasMessageContaining("cannot be read");
  }
}
