package dev.sightline.storage.clickhouse;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sightline.storage.StorageException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.Test;

class ClickHouseUnreachableTest {

  @Test
  void refusesToOpenWithTheUrlInTheMessageWhenNothingListens() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    URI url = URI.create("http://127.0.0.1:" + port);
    assertThatThrownBy(() -> ClickHouseStorage.open(ClickHouseConfig.of(url, "sightline")))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("cannot reach ClickHouse at " + url);
  }

  @Test
  void neverShowsThePassword() {
    ClickHouseConfig config = new ClickHouseConfig(URI.create("http://127.0.0.1:8123"), "sightline", "writer",
        "s3cret", 1000, java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(1), 0, "default",
        dev.sightline.storage.breaker.CircuitBreaker.Settings.DEFAULT);
    org.assertj.core.api.Assertions.assertThat(config.toString()).doesNotContain("s3cret").contains("password=set");
  }

  @Test
  void refusesABadDatabaseNameNamingIt() {
    assertThatThrownBy(() -> ClickHouseConfig.of(URI.create("http://127.0.0.1:8123"), "bad-name"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'bad-name'");
  }
}
