package dev.sightline.storage.duckdb;

import dev.sightline.storage.Storage;
import dev.sightline.storage.tests.TraceConformance;
import java.nio.file.Path;

class DuckDbTraceConformanceTest extends TraceConformance {
  @Override
  protected Storage open(Path directory) {
    return DuckDbStorage.open(directory, "512MB");
  }
}
