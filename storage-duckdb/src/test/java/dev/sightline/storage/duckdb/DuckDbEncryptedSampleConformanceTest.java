package dev.sightline.storage.duckdb;

import dev.sightline.storage.Storage;
import dev.sightline.storage.tests.SampleConformance;
import java.nio.file.Path;

/** The conformance kit on a store whose file is encrypted: every query runs in the attached catalog. */
class DuckDbEncryptedSampleConformanceTest extends SampleConformance {
  @Override
  protected Storage open(Path directory) {
    return DuckDbStorage.open(directory, "512MB", SampleStoreConfig.DEFAULT, EncryptedStoreTest.ENCRYPTION);
  }
}
