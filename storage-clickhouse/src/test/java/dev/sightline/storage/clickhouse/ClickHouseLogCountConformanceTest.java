package dev.sightline.storage.clickhouse;

import dev.sightline.storage.Storage;
import dev.sightline.storage.tests.LogCountConformance;
import java.nio.file.Path;

class ClickHouseLogCountConformanceTest extends LogCountConformance {
  @Override
  protected Storage open(Path directory) {
    return ClickHouseStorage.open(ClickHouseProcess.shared().config(directory));
  }
}
