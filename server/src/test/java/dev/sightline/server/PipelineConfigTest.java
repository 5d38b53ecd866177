package dev.sightline.server;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sightline.pipeline.processor.PipelineConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pipeline configuration that cannot work stops start-up with a message that names it. */
class PipelineConfigTest {
  @TempDir Path dir;

  private void assertStartFails(String yaml, String... expected) throws IOException {
    Path config = dir.resolve("bad.yaml");
    Files.writeString(config, yaml);
    assertThatThrownBy(() -> new TestServer(dir.resolve("data"), "--config=" + config).close())
        .isInstanceOf(PipelineConfigException.class)
        .hasMessageContainingAll(expected);
  }

  @Test
  void unknownProcessorType() throws IOException {
    assertStartFails("""
        processors: {tail_sampler/x: {}}
        pipelines: {traces: [tail_sampler/x]}
        """, "processors.tail_sampler/x", "unknown processor type 'tail_sampler'", "known types");
  }

  @Test
  void badRegex() throws IOException {
    assertStartFails("""
        processors:
          attributes: {actions: [{action: delete, pattern: "user.(id"}]}
        pipelines: {traces: [attributes]}
        """, "processors.attributes.actions[0].pattern", "not a valid regular expression");
  }

  @Test
  void missingKeyFile() throws IOException {
    Path missing = dir.resolve("no-such-keys.json");
    assertStartFails("""
        processors:
          classify: {actions: {restricted: encrypt}, keystore: %s}
        pipelines: {logs: [classify]}
        """.formatted(missing), "processors.classify.keystore", missing.toString());
  }

  @Test
  void undeclaredProcessorInAPipeline() throws IOException {
    assertStartFails("""
        processors: {spanmetrics: {}}
        pipelines: {traces: [spanmetrics, probabilistic_sampler]}
        """, "pipelines.traces", "'probabilistic_sampler' is not declared");
  }

  @Test
  void samplerOnLogs() throws IOException {
    assertStartFails("""
        processors: {probabilistic_sampler: {percentage: 5}}
        pipelines: {logs: [probabilistic_sampler]}
        """, "pipelines.logs", "does not handle logs");
  }
}
