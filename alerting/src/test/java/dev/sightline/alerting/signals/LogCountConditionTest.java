package dev.sightline.alerting.signals;

import static dev.sightline.storage.tests.SampleData.MS;
import static dev.sightline.storage.tests.SampleData.T0;
import static dev.sightline.storage.tests.SampleData.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sightline.alerting.AlertConditionException;
import dev.sightline.alerting.ConditionSample;
import dev.sightline.storage.LogCounter;
import dev.sightline.storage.Storage;
import dev.sightline.storage.duckdb.DuckDbStorage;
import dev.sightline.storage.tests.StorageFixture;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LogCountConditionTest extends StorageFixture {
  /** Ten minutes after T0: the 5 minute window starts at T0 + 5 min. */
  private static final Instant AT = Instant.ofEpochSecond(0, T0).plus(Duration.ofMinutes(10));
  private LogCounter counter;

  @Override
  protected Storage open(Path directory) {
    return DuckDbStorage.open(directory, "512MB");
  }

  private static ResourceLogs logs(String service, int count, long firstSecond, SeverityNumber severity,
      String body) {
    List<LogRecord> records = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      records.add(LogRecord.newBuilder().setTimeUnixNano(T0 + (firstSecond + i) * 1000 * MS)
          .setSeverityNumber(severity).setSeverityText(severity.name().replace("SEVERITY_NUMBER_", ""))
          .setBody(AnyValue.newBuilder().setStringValue(body)).build());
    }
    return ResourceLogs.newBuilder().setResource(resource(service))
        .addScopeLogs(ScopeLogs.newBuilder().addAllLogRecords(records)).build();
  }

  @BeforeEach
  void writeLogs() {
    counter = storage.logCounter().orElseThrow();
    writeLogs(TENANT,
        logs("checkout", 3, 60, SeverityNumber.SEVERITY_NUMBER_ERROR, "gateway timeout (before the window)"),
        logs("checkout", 12, 400, SeverityNumber.SEVERITY_NUMBER_ERROR, "payment gateway Timeout"),
        logs("checkout", 2, 420, SeverityNumber.SEVERITY_NUMBER_WARN, "retrying after timeout"),
        logs("checkout", 4, 430, SeverityNumber.SEVERITY_NUMBER_ERROR, "card declined"),
        logs("cart", 5, 500, SeverityNumber.SEVERITY_NUMBER_FATAL, "db timeout"));
  }

  private LogCountCondition.Builder rule() {
    return LogCountCondition.builder(counter, TENANT).window(Duration.ofMinutes(5));
  }

  @Test
  void firesForTheServiceWhoseErrorsWithTheTextExceedTheThreshold() {
    LogCountCondition rule = rule().service("checkout").minSeverity("error").bodyContains("timeout")
        .groupBy(List.of("service")).condition("> 10").build();
    assertThat(rule.evaluate(AT)).containsExactly(new ConditionSample(Map.of("service", "checkout"), 12,
        Map.of("window", "5m", "condition", "count > 10")));
    assertThat(rule().service("checkout").minSeverity("error").bodyContains("timeout")
        .condition("> 12").build().evaluate(AT)).isEmpty();
  }

  @Test
  void groupsByServiceAndSeverityText() {
    List<ConditionSample> found = rule().minSeverity("warn").groupBy(List.of("service", "severity_text"))
        .condition(">= 2").build().evaluate(AT);
    assertThat(found).extracting(ConditionSample::labels, ConditionSample::value).containsExactly(
        org.assertj.core.groups.Tuple.tuple(Map.of("service", "cart", "severity_text", "FATAL"), 5.0),
        org.assertj.core.groups.Tuple.tuple(Map.of("service", "checkout", "severity_text", "ERROR"), 16.0),
        org.assertj.core.groups.Tuple.tuple(Map.of("service", "checkout", "severity_text", "WARN"), 2.0));
  }

  @Test
  void withoutGroupsAllMatchesAreOneCountAndSilenceCanFire() {
    assertThat(rule().bodyContains("timeout").condition("> 10").build().evaluate(AT))
        .extracting(ConditionSample::labels, ConditionSample::value)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Map.of(), 19.0));
    assertThat(rule().service("payments").condition("< 1").build().evaluate(AT))
        .extracting(ConditionSample::labels, ConditionSample::value)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Map.of("service", "payments"), 0.0));
    assertThat(rule().window(Duration.ofMinutes(10)).service("checkout").minSeverity("17").condition("== 19")
        .build().evaluate(AT)).hasSize(1);
  }

  @Test
  void badRulesNameTheField() {
    assertThatThrownBy(() -> rule().groupBy(List.of("host"))).hasMessageContaining("group_by");
    assertThatThrownBy(() -> rule().minSeverity("loud")).hasMessageContaining("min_severity");
    assertThatThrownBy(() -> rule().condition("more than 10")).hasMessageContaining("condition must be");
    assertThatThrownBy(() -> LogCountCondition.builder(counter, TENANT).condition("> 1").build())
        .hasMessageContaining("window is required");
    assertThatThrownBy(() -> rule().build()).hasMessageContaining("condition is required");
  }

  @Test
  void storageFailuresBecomeConditionErrors() {
    LogCountCondition rule = rule().condition("> 0").build();
    storage.close();
    try {
      assertThatThrownBy(() -> rule.evaluate(AT)).isInstanceOf(AlertConditionException.class)
          .hasMessageContaining("counting logs failed");
    } finally {
      storage = open(directory);
    }
  }
}
