package dev.sightline.storage.duckdb;

import static dev.sightline.storage.tests.SampleData.T0;
import static dev.sightline.storage.tests.SampleData.attr;
import static dev.sightline.storage.tests.SampleData.MS;
import static dev.sightline.storage.tests.SampleData.resource;
import static dev.sightline.storage.tests.SampleData.resourceSpans;
import static dev.sightline.storage.tests.SampleData.span;
import static dev.sightline.storage.tests.SampleData.traceId;

import dev.sightline.otlp.Ids;
import dev.sightline.storage.LabelMatcher;
import dev.sightline.storage.LogQuery;
import dev.sightline.storage.SampleReader;
import dev.sightline.storage.Storage;
import dev.sightline.storage.TimeRange;
import dev.sightline.storage.TraceQuery;
import dev.sightline.storage.WriteBatch;
import dev.sightline.storage.tests.SampleMetrics;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.common.v1.AnyValue;
import java.util.List;

/** A trace, its log records and a gauge a tiered store's tests write and look for at every step. */
final class TieredData {
  static final String TENANT = "acme";
  static final TimeRange DAY_ONE = new TimeRange(T0, T0 + 86_400_000L * MS - 1);

  private TieredData() {}

  static String traceHex(long n) {
    return Ids.toHex(traceId(n));
  }

  /** Trace {@code n}: three spans of service shop, and one log record per span, written as entry {@code seq}. */
  static void write(Storage store, long seq, long n) {
    store.writer().write(new WriteBatch(entries(seq, n), seq + 1));
  }

  /** Traces {@code first} to {@code first + count - 1} in one batch, from entry {@code seq} on. */
  static void write(Storage store, long seq, long first, int count) {
    List<WriteBatch.Entry> all = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      all.addAll(entries(seq + 2L * i, first + i));
    }
    store.writer().write(new WriteBatch(all, seq + 2L * count - 1));
  }

  private static List<WriteBatch.Entry> entries(long seq, long n) {
    long at = n * 1000;
    ResourceLogs logs = ResourceLogs.newBuilder().setResource(resource("shop")).addScopeLogs(ScopeLogs.newBuilder()
        .addLogRecords(LogRecord.newBuilder().setTimeUnixNano(T0 + at * MS).setTraceId(traceId(n))
            .setBody(AnyValue.newBuilder().setStringValue("order " + n + " placed"))
            .addAttributes(attr("order.id", Long.toString(n))))).build();
    return List.of(
        new WriteBatch.Entry(seq, TENANT, new WriteBatch.Traces(List.of(resourceSpans(resource("shop"),
            span(n, n * 10 + 1, 0, "checkout", at, 30).addAttributes(attr("order.id", Long.toString(n))).build(),
            span(n, n * 10 + 2, n * 10 + 1, "pay", at + 5, 10).addAttributes(attr("order.id", Long.toString(n))).build(),
            span(n, n * 10 + 3, n * 10 + 1, "ship", at + 15, 10).addAttributes(attr("order.id", Long.toString(n))).build())))),
        new WriteBatch.Entry(seq + 1, TENANT, new WriteBatch.Logs(List.of(logs))));
  }

  static void writeGauge(Storage store, long seq) {
    store.writer().write(new WriteBatch(List.of(new WriteBatch.Entry(seq, TENANT, new WriteBatch.Metrics(
        List.of(SampleMetrics.resourceMetrics(resource("shop"), SampleMetrics.gauge()))))), seq));
  }

  static int spansOf(Storage store, long n) {
    return store.traces().trace(TENANT, traceHex(n)).size();
  }

  static int tracesFound(Storage store) {
    return store.traces().search(TraceQuery.builder(TENANT).range(DAY_ONE).service("shop").limit(100).build())
        .items().size();
  }

  static int logsFound(Storage store) {
    return store.logs().search(LogQuery.builder(TENANT).range(DAY_ONE).bodyContains("placed").limit(100).build())
        .items().size();
  }

  static int samplesFound(Storage store) {
    return store.samples().orElseThrow().select(TENANT, List.of(LabelMatcher.eq("job", "shop")),
            T0 / MS - 1000, T0 / MS + 60_000, SampleReader.SelectLimits.NONE)
        .stream().mapToInt(s -> s.timestamps().length).sum();
  }
}
