package dev.sightline.storage.tests;

import static dev.sightline.storage.tests.LogConformance.log;
import static dev.sightline.storage.tests.LogConformance.resourceLogs;
import static dev.sightline.storage.tests.SampleData.MS;
import static dev.sightline.storage.tests.SampleData.T0;
import static dev.sightline.storage.tests.SampleData.attr;
import static dev.sightline.storage.tests.SampleData.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sightline.storage.Capability;
import dev.sightline.storage.CountRow;
import dev.sightline.storage.LogCountQuery;
import dev.sightline.storage.LogCountQuery.Dimension;
import dev.sightline.storage.LogCounter;
import dev.sightline.storage.TimeRange;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every backend with {@link Capability#LOG_COUNTS} must count. */
public abstract class LogCountConformance extends StorageFixture {
  private LogCounter counter;

  @BeforeEach
  void writeLogs() {
    assumeTrue(storage.capabilities().contains(Capability.LOG_COUNTS), "the backend does not count logs");
    counter = storage.logCounter().orElseThrow();
    writeLogs(TENANT,
        resourceLogs(resource("checkout"),
            log(1, SeverityNumber.SEVERITY_NUMBER_ERROR, "payment Timeout after 30s").addAttributes(attr("region", "eu")).build(),
            log(2, SeverityNumber.SEVERITY_NUMBER_ERROR, "payment timeout after 30s").build(),
            log(3, SeverityNumber.SEVERITY_NUMBER_WARN, "slow timeout").build(),
            log(4, SeverityNumber.SEVERITY_NUMBER_FATAL, "crash").build(),
            log(5, SeverityNumber.SEVERITY_NUMBER_INFO, "ok").build(),
            // A logger that sets only the number: grouped under the number's short name.
            LogRecord.newBuilder().setTimeUnixNano(T0 + 6 * MS)
                .setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_ERROR2).build()),
        resourceLogs(resource("cart", attr("region", "eu")),
            log(7, SeverityNumber.SEVERITY_NUMBER_ERROR, "db timeout").build()));
    writeLogs("other-tenant", resourceLogs(resource("checkout"),
        log(8, SeverityNumber.SEVERITY_NUMBER_ERROR, "timeout").build()));
  }

  private List<CountRow> count(LogCountQuery.Builder query) {
    return counter.countLogs(query.build());
  }

  private static CountRow row(long count, String... labels) {
    Map<String, String> group = new java.util.HashMap<>();
    for (int i = 0; i < labels.length; i += 2) {
      group.put(labels[i], labels[i + 1]);
    }
    return new CountRow(group, count);
  }

  @Test
  void countsEverythingOfTheTenantAsOneRowWithoutGroups() {
    assertThat(count(LogCountQuery.builder(TENANT))).containsExactly(row(7));
    assertThat(count(LogCountQuery.builder("nobody"))).containsExactly(row(0));
  }

  @Test
  void groupsByServiceAndSeverityInOrder() {
    assertThat(count(LogCountQuery.builder(TENANT).groupBy(Dimension.SERVICE))).containsExactly(
        row(1, "service", "cart"), row(6, "service", "checkout"));
    assertThat(count(LogCountQuery.builder(TENANT).service("checkout").groupBy(Dimension.SEVERITY_TEXT,
        Dimension.SERVICE))).containsExactly(
            row(3, "service", "checkout", "severity_text", "ERROR"),
            row(1, "service", "checkout", "severity_text", "FATAL"),
            row(1, "service", "checkout", "severity_text", "INFO"),
            row(1, "service", "checkout", "severity_text", "WARN"));
  }

  @Test
  void filtersBySeverityBodyAttributesAndTime() {
    int error = SeverityNumber.SEVERITY_NUMBER_ERROR_VALUE;
    assertThat(count(LogCountQuery.builder(TENANT).minSeverityNumber(error).groupBy(Dimension.SERVICE)))
        .containsExactly(row(1, "service", "cart"), row(4, "service", "checkout"));
    assertThat(count(LogCountQuery.builder(TENANT).minSeverityNumber(error).bodyContains("TIMEOUT")
        .groupBy(Dimension.SERVICE))).containsExactly(row(1, "service", "cart"), row(2, "service", "checkout"));
    assertThat(count(LogCountQuery.builder(TENANT).attribute("region", "eu").groupBy(Dimension.SERVICE)))
        .as("own or resource attribute").containsExactly(row(1, "service", "cart"), row(1, "service", "checkout"));
    assertThat(count(LogCountQuery.builder(TENANT).range(new TimeRange(T0 + 2 * MS, T0 + 4 * MS))))
        .as("inclusive range").containsExactly(row(3));
    assertThat(count(LogCountQuery.builder(TENANT).bodyContains("nothing like it").groupBy(Dimension.SERVICE)))
        .isEmpty();
  }
}
