package dev.sightline.storage.tests;

import dev.sightline.storage.Storage;
import dev.sightline.storage.WriteBatch;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Opens a fresh backend per test and writes entries with increasing sequences. */
public abstract class StorageFixture {
  protected static final String TENANT = "acme";
  @TempDir protected Path directory;
  protected Storage storage;
  private long sequence;

  /** Opens the backend under test, keeping its data in {@code directory} if it has files. */
  protected abstract Storage open(Path directory);

  @BeforeEach
  void openStorage() {
    storage = open(directory);
    sequence = storage.writer().checkpoint();
  }

  @AfterEach
  void closeStorage() {
    storage.close();
  }

  /** Closes and opens the backend on the same data, as a restart does. */
  protected void reopen() {
    storage.close();
    storage = open(directory);
  }

  protected void writeSpans(String tenant, ResourceSpans... data) {
    write(tenant, new WriteBatch.Traces(List.of(data)));
  }

  protected void writeLogs(String tenant, ResourceLogs... data) {
    write(tenant, new WriteBatch.Logs(List.of(data)));
  }

  protected void writeMetrics(String tenant, ResourceMetrics... data) {
    write(tenant, new WriteBatch.Metrics(List.of(data)));
  }

  private void write(String tenant, WriteBatch.SignalData data) {
    storage.writer().write(WriteBatch.of(List.of(new WriteBatch.Entry(++sequence, tenant, data))));
  }
}
