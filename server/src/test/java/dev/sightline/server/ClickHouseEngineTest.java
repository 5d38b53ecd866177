package dev.sightline.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sightline.server.config.ConfigException;
import dev.sightline.server.config.ConfigLoader;
import dev.sightline.storage.StorageException;
import dev.sightline.storage.clickhouse.ClickHouseProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code storage.engine=clickhouse}: the server stores in and answers from a real ClickHouse. */
class ClickHouseEngineTest {
  @TempDir Path data;

  @Test
  void refusesToStartNamingTheUrlWhenClickHouseIsUnreachable() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port;
    assertThatThrownBy(() -> new TestServer(data, "--storage.engine=clickhouse", "--clickhouse.url=" + url))
        .isInstanceOf(StorageException.class).hasMessageContaining("cannot reach ClickHouse at " + url);
  }

  @Test
  void rejectsAnUnknownEngineAndABadUrlNamingTheKey() {
    assertThatThrownBy(() -> ConfigLoader.load(List.of("--storage.engine=cassandra"), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("storage.engine: 'cassandra'");
    assertThatThrownBy(() -> ConfigLoader.load(List.of("--storage.engine=clickhouse",
        "--clickhouse.url=localhost:8123"), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("clickhouse url 'localhost:8123'");
  }

  @Test
  void storesSpansInClickHouseAndAnswersFromIt() throws Exception {
    ClickHouseProcess clickhouse = ClickHouseProcess.shared();
    byte[] body = Files.readAllBytes(Path.of(getClass().getResource("/otlp-json/traces.json").toURI()));
    try (TestServer server = new TestServer(data, "--storage.engine=clickhouse",
        "--clickhouse.url=" + clickhouse.url(), "--clickhouse.database=server_engine_test")) {
      assertThat(server.post(server.otlpHttp() + "/v1/traces", "application/json", body).statusCode()).isEqualTo(200);
      server.awaitStored();
      JsonNode span = server.getJson("/api/v1/traces/5b8efff798038103d269b633813fc60c").get("spans").get(0);
      assertThat(span.get("name").asText()).isEqualTo("GET /produkte/äöü");
      assertThat(server.get("/api/v1/query?query=up").statusCode()).as("PromQL is off on ClickHouse").isNotEqualTo(200);
    }
  }
}
