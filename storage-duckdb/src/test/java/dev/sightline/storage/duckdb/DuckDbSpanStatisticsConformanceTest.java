package dev.sightline.storage.duckdb;

import dev.sightline.storage.Storage;
import dev.sightline.storage.tests.SpanStatisticsConformance;
import java.nio.file.Path;

class DuckDbSpanStatisticsConformanceTest extends SpanStatisticsConformance {
  @Override
  protected Storage open(Path directory) {
    return DuckDbStorage.open(directory, "512MB");
  }
}
