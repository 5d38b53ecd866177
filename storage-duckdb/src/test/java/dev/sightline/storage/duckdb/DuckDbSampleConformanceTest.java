package dev.sightline.storage.duckdb;

import dev.sightline.storage.Storage;
import dev.sightline.storage.tests.SampleConformance;
import java.nio.file.Path;

class DuckDbSampleConformanceTest extends SampleConformance {
  @Override
  protected Storage open(Path directory) {
    return DuckDbStorage.open(directory, "512MB");
  }
}
