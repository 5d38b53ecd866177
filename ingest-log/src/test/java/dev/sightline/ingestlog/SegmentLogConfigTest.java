package dev.sightline.ingestlog;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SegmentLogConfigTest {
  private static final Path DIR = Path.of("log");

  @Test
  void badValuesAreRefusedNamingTheField() {
    assertThatThrownBy(() -> new SegmentLogConfig(null, 1024, 1, 1)).hasMessage("directory");
    assertThatThrownBy(() -> new SegmentLogConfig(DIR, 0, 1, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("segmentBytes");
    assertThatThrownBy(() -> new SegmentLogConfig(DIR, 1024, 0, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("queueCapacity");
    assertThatThrownBy(() -> new SegmentLogConfig(DIR, 1024, 1, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBacklogBytes");
  }
}
