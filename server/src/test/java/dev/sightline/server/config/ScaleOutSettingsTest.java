package dev.sightline.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScaleOutSettingsTest {

  private static ScaleOutSettings load(String... flags) {
    return ConfigLoader.load(List.of(flags), Map.of()).scaleOut();
  }

  @Test
  void oneMachineWithALocalLogByDefault() {
    ScaleOutSettings s = load();
    assertThat(s.role()).isEqualTo(NodeRole.ALL);
    assertThat(s.kafka()).isNull();
  }

  @Test
  void kafkaTakesTheTopicsAndReplicationOfTheIssueByDefault() {
    ScaleOutSettings s = load("--node.role=worker", "--ingest.log=kafka", "--kafka.bootstrap.servers=k1:9092,k2:9092");
    assertThat(s.role()).isEqualTo(NodeRole.WORKER);
    assertThat(s.kafka()).isNotNull().satisfies(k -> {
      assertThat(k.traces().name()).isEqualTo("otlp-traces");
      assertThat(k.traces().partitions()).isEqualTo(12);
      assertThat(k.metrics().partitions()).isEqualTo(8);
      assertThat(k.logs().partitions()).isEqualTo(16);
      assertThat(k.replicationFactor()).isEqualTo((short) 3);
      assertThat(k.compression()).isEqualTo("lz4");
    });
  }

  @Test
  void badSettingsNameTheKey() {
    assertThatThrownBy(() -> load("--node.role=router")).isInstanceOf(ConfigException.class)
        .hasMessage("node.role: 'router' is not all, ingest, worker or query");
    assertThatThrownBy(() -> load("--node.role=ingest")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("node.role=ingest needs ingest.log=kafka");
    assertThatThrownBy(() -> load("--ingest.log=kafka")).isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("kafka.bootstrap.servers: required with ingest.log=kafka");
    assertThatThrownBy(() -> load("--ingest.log=kafka", "--kafka.bootstrap.servers=k:9092", "--kafka.compression=brotli"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("kafka.compression 'brotli'");
    assertThatThrownBy(() -> load("--ingest.log=s3")).isInstanceOf(ConfigException.class)
        .hasMessage("ingest.log: 's3' is not local or kafka");
  }
}
