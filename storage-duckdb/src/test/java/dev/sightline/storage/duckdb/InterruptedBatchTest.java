package dev.sightline.storage.duckdb;

import static dev.sightline.storage.tests.SampleData.resource;
import static dev.sightline.storage.tests.SampleData.resourceSpans;
import static dev.sightline.storage.tests.SampleData.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sightline.storage.StorageException;
import dev.sightline.storage.WriteBatch;
import dev.sightline.storage.tests.SampleMetrics;
import io.opentelemetry.proto.metrics.v1.Metric;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A batch that fails part-way leaves nothing behind, so retrying it cannot duplicate rows. */
class InterruptedBatchTest {
  @TempDir Path dir;

  @Test
  void aFailedBatchIsRemovedAndCanBeRetried() {
    String trace = HexFormat.of().formatHex(dev.sightline.storage.tests.SampleData.traceId(1).toByteArray());
    WriteBatch.Entry spans = new WriteBatch.Entry(1, "t",
        new WriteBatch.Traces(List.of(resourceSpans(resource("a"), span(1, 1, 0, "root", 0, 10).build()))));
    WriteBatch.Entry broken = new WriteBatch.Entry(2, "t", new WriteBatch.Metrics(List.of(
        SampleMetrics.resourceMetrics(resource("a"), Metric.newBuilder().setName("no data").build()))));
    try (DuckDbStorage storage = DuckDbStorage.open(dir, "256MB")) {
      assertThatThrownBy(() -> storage.writer().write(WriteBatch.of(List.of(spans, broken))))
          .isInstanceOf(StorageException.class).hasMessageContaining("no data");
      assertThat(storage.writer().checkpoint()).isZero();
      assertThat(storage.traces().trace("t", trace)).isEmpty();

      storage.writer().write(WriteBatch.of(List.of(spans)));
      assertThat(storage.traces().trace("t", trace)).hasSize(1);
    }
    try (DuckDbStorage storage = DuckDbStorage.open(dir, "256MB")) {
      assertThat(storage.writer().checkpoint()).isEqualTo(1);
      assertThat(storage.traces().trace("t", trace)).hasSize(1);
    }
  }
}
