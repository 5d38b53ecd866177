package dev.sightline.storage.clickhouse;

import dev.sightline.storage.Storage;
import dev.sightline.storage.tests.SpanStatisticsConformance;
import java.nio.file.Path;

class ClickHouseSpanStatisticsConformanceTest extends SpanStatisticsConformance {
  @Override
  protected Storage open(Path directory) {
    return ClickHouseStorage.open(ClickHouseProcess.shared().config(directory));
  }
}
