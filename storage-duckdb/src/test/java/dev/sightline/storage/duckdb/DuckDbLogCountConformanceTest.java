package dev.sightline.storage.duckdb;

import dev.sightline.storage.Storage;
import dev.sightline.storage.tests.LogCountConformance;
import java.nio.file.Path;

class DuckDbLogCountConformanceTest extends LogCountConformance {
  @Override
  protected Storage open(Path directory) {
    return DuckDbStorage.open(directory, "512MB");
  }
}
