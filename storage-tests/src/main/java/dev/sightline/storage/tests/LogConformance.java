package dev.sightline.storage.tests;

import static dev.sightline.storage.tests.SampleData.MS;
import static dev.sightline.storage.tests.SampleData.T0;
import static dev.sightline.storage.tests.SampleData.attr;
import static dev.sightline.storage.tests.SampleData.resource;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sightline.storage.LogQuery;
import dev.sightline.storage.Page;
import dev.sightline.storage.PageCursor;
import dev.sightline.storage.StoredLog;
import dev.sightline.storage.TimeRange;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every backend must do with log records. */
public abstract class LogConformance extends StorageFixture {

  static LogRecord.Builder log(long atMs, SeverityNumber severity, String body) {
    return LogRecord.newBuilder().setTimeUnixNano(T0 + atMs * MS).setObservedTimeUnixNano(T0 + atMs * MS + 1)
        .setSeverityNumber(severity).setSeverityText(severity.name().replace("SEVERITY_NUMBER_", ""))
        .setBody(AnyValue.newBuilder().setStringValue(body));
  }

  static ResourceLogs resourceLogs(Resource resource, LogRecord... records) {
    return ResourceLogs.newBuilder().setResource(resource).addScopeLogs(ScopeLogs.newBuilder()
        .setScope(InstrumentationScope.newBuilder().setName("logger")).addAllLogRecords(List.of(records))).build();
  }

  private List<String> bodies(LogQuery query) {
    return storage.logs().search(query).items().stream()
        .map(l -> l.record().getBody().getStringValue()).toList();
  }

  @Test
  void keepsEveryLogFieldExactly() {
    LogRecord structured = log(1, SeverityNumber.SEVERITY_NUMBER_WARN, "")
        .setBody(AnyValue.newBuilder().setKvlistValue(io.opentelemetry.proto.common.v1.KeyValueList.newBuilder()
            .addAllValues(SampleData.richAttributes())))
        .setTraceId(SampleData.traceId(1)).setSpanId(SampleData.spanId(1)).setFlags(1)
        .addAllAttributes(SampleData.richAttributes()).setDroppedAttributesCount(3)
        .setEventName("session.start").build();
    LogRecord noTime = LogRecord.newBuilder().setObservedTimeUnixNano(T0 + 2 * MS)
        .setBody(AnyValue.newBuilder().setStringValue("observed only")).build();
    LogRecord noBody = log(3, SeverityNumber.SEVERITY_NUMBER_INFO, "").clearBody().build();
    writeLogs(TENANT, resourceLogs(resource("api"), structured, noTime, noBody));

    List<StoredLog> found = storage.logs().search(LogQuery.builder(TENANT).build()).items();
    assertThat(found).extracting(StoredLog::record).containsExactly(noBody, noTime, structured);
    assertThat(found.get(0).origin().resource()).isEqualTo(resource("api"));
  }

  @Test
  void searchesByServiceSeverityBodyAttributesTraceAndTime() {
    writeLogs(TENANT,
        resourceLogs(resource("api"),
            log(1, SeverityNumber.SEVERITY_NUMBER_INFO, "user Logged In").addAttributes(attr("user", "ann")).build(),
            log(2, SeverityNumber.SEVERITY_NUMBER_ERROR, "payment failed").setTraceId(SampleData.traceId(7)).build()),
        resourceLogs(resource("worker", attr("region", "eu")),
            log(3, SeverityNumber.SEVERITY_NUMBER_DEBUG, "tick").build()));
    writeLogs("other-tenant", resourceLogs(resource("api"), log(4, SeverityNumber.SEVERITY_NUMBER_FATAL, "hidden").build()));

    assertThat(bodies(LogQuery.builder(TENANT).build())).containsExactly("tick", "payment failed", "user Logged In");
    assertThat(bodies(LogQuery.builder(TENANT).service("api").build())).containsExactly("payment failed", "user Logged In");
    assertThat(bodies(LogQuery.builder(TENANT).minSeverityNumber(SeverityNumber.SEVERITY_NUMBER_INFO_VALUE).build()))
        .containsExactly("payment failed", "user Logged In");
    assertThat(bodies(LogQuery.builder(TENANT).bodyContains("logged in").build())).containsExactly("user Logged In");
    assertThat(bodies(LogQuery.builder(TENANT).attribute("user", "ann").build())).containsExactly("user Logged In");
    assertThat(bodies(LogQuery.builder(TENANT).attribute("region", "eu").build())).containsExactly("tick");
    assertThat(bodies(LogQuery.builder(TENANT).traceId(HexFormat.of().formatHex(SampleData.traceId(7).toByteArray())).build()))
        .containsExactly("payment failed");
    assertThat(bodies(LogQuery.builder(TENANT).range(new TimeRange(T0 + 2 * MS, T0 + 3 * MS)).build()))
        .containsExactly("tick", "payment failed");
  }

  @Test
  void paginatesNewestFirstWithoutSkippingOrRepeating() {
    List<LogRecord> records = new ArrayList<>();
    for (int i = 0; i < 37; i++) {
      records.add(log(i % 4, SeverityNumber.SEVERITY_NUMBER_INFO, "line " + i).build());
    }
    writeLogs(TENANT, resourceLogs(resource("api"), records.toArray(new LogRecord[0])));
    writeLogs(TENANT, resourceLogs(resource("api"), log(1, SeverityNumber.SEVERITY_NUMBER_INFO, "late").build()));

    List<String> seen = new ArrayList<>();
    PageCursor cursor = null;
    int pages = 0;
    do {
      Page<StoredLog> page = storage.logs().search(LogQuery.builder(TENANT).limit(6).cursor(cursor).build());
      page.items().forEach(l -> seen.add(l.record().getBody().getStringValue()));
      cursor = page.nextCursor() == null ? null : PageCursor.decode(page.nextCursor());
      pages++;
    } while (cursor != null && pages < 20);

    assertThat(seen).hasSize(38).doesNotHaveDuplicates();
    assertThat(seen).isEqualTo(bodies(LogQuery.builder(TENANT).limit(1000).build()));
  }
}
