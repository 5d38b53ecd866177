package dev.sightline.storage.clickhouse;

import dev.sightline.storage.Storage;
import dev.sightline.storage.tests.MetricConformance;
import java.nio.file.Path;

class ClickHouseMetricConformanceTest extends MetricConformance {
  @Override
  protected Storage open(Path directory) {
    return ClickHouseStorage.open(ClickHouseProcess.shared().config(directory));
  }
}
