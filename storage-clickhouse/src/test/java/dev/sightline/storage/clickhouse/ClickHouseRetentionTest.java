package dev.sightline.storage.clickhouse;

import static dev.sightline.storage.tests.SampleData.T0;
import static dev.sightline.storage.tests.SampleData.resource;
import static dev.sightline.storage.tests.SampleData.resourceSpans;
import static dev.sightline.storage.tests.SampleData.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.sightline.storage.WriteBatch;
import dev.sightline.storage.tests.SampleData;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Without TTL (before 20.1) retention drops the day partitions that have expired. */
class ClickHouseRetentionTest {
  private static final long DAY_MS = Duration.ofDays(1).toMillis();

  private static String hex(long trace) {
    return HexFormat.of().formatHex(SampleData.traceId(trace).toByteArray());
  }

  private static Clock at(long daysAfterT0) {
    return Clock.fixed(Instant.ofEpochMilli(T0 / 1_000_000 + daysAfterT0 * DAY_MS), ZoneOffset.UTC);
  }

  @Test
  void dropsDaysOlderThanTheRetentionAndKeepsTheRest() {
    ClickHouseConfig config = ClickHouseProcess.shared().config("retention").withRetentionDays(2);
    try (ClickHouseStorage storage = ClickHouseStorage.open(config, at(1))) {
      assumeFalse(Integer.parseInt(storage.serverVersion().split("\\.")[0]) >= 20, "the server expires rows by TTL");
      storage.writer().write(WriteBatch.of(List.of(new WriteBatch.Entry(1, "t", new WriteBatch.Traces(List.of(
          resourceSpans(resource("a"), span(1, 1, 0, "old", 0, 10).build(),
              span(2, 2, 0, "recent", 9 * DAY_MS, 10).build())))))));
      assertThat(storage.traces().trace("t", hex(1))).as("within 2 days of day 1").hasSize(1);
    }
    try (ClickHouseStorage storage = ClickHouseStorage.open(config, at(10))) {
      assertThat(storage.traces().trace("t", hex(1))).as("day 0 expired by day 10").isEmpty();
      assertThat(storage.traces().trace("t", hex(2))).as("day 9 kept").hasSize(1);
      assertThat(storage.traces().services("t")).containsExactly("a");
    }
  }
}
