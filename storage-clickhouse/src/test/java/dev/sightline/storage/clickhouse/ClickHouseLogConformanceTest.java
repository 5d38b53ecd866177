package dev.sightline.storage.clickhouse;

import dev.sightline.storage.Storage;
import dev.sightline.storage.tests.LogConformance;
import java.nio.file.Path;

class ClickHouseLogConformanceTest extends LogConformance {
  @Override
  protected Storage open(Path directory) {
    return ClickHouseStorage.open(ClickHouseProcess.shared().config(directory));
  }
}
