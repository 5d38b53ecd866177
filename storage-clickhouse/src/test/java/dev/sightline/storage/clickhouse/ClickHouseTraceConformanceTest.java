package dev.sightline.storage.clickhouse;

import dev.sightline.storage.Storage;
import dev.sightline.storage.tests.TraceConformance;
import java.nio.file.Path;

class ClickHouseTraceConformanceTest extends TraceConformance {
  @Override
  protected Storage open(Path directory) {
    return ClickHouseStorage.open(ClickHouseProcess.shared().config(directory));
  }
}
