package dev.sightline.storage.duckdb;

import dev.sightline.storage.Storage;
import dev.sightline.storage.tests.LogConformance;
import java.nio.file.Path;

class DuckDbLogConformanceTest extends LogConformance {
  @Override
  protected Storage open(Path directory) {
    return DuckDbStorage.open(directory, "512MB");
  }
}
