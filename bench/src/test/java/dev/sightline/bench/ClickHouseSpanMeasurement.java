package dev.sightline.bench;

import dev.sightline.storage.Storage;
import dev.sightline.storage.TraceQuery;
import dev.sightline.storage.WriteBatch;
import dev.sightline.storage.clickhouse.ClickHouseConfig;
import dev.sightline.storage.clickhouse.ClickHouseProcess;
import dev.sightline.storage.clickhouse.ClickHouseStorage;
import dev.sightline.storage.duckdb.DuckDbStorage;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures, not a test: the load generator's spans (TrafficModel, seed 7) written into the
 * embedded store and into ClickHouse (the Debian server started by ClickHouseProcess), the same
 * spans in the same batches of 20 requests of about 500 spans. Prints spans written per second
 * and bytes per span of each store (ClickHouse: compressed column data and all part files of the
 * {@code spans} and {@code trace_index} tables after {@code OPTIMIZE … FINAL}; DuckDB: the database
 * file after close), and trace-by-id and search times on ClickHouse. Run with
 * {@code -Dsightline.measure=true -Dtest=ClickHouseSpanMeasurement [-Dsightline.measure.spans=1000000]}.
 */
@EnabledIfSystemProperty(named = "sightline.measure", matches = "true")
class ClickHouseSpanMeasurement {
  private static final long T0 = 1_767_225_600_000_000_000L;
  private static final int REQUESTS_PER_BATCH = 20;
  @TempDir Path dir;

  @Test
  void bytesPerSpanAndThroughput() throws Exception {
    long spans = Long.getLong("sightline.measure.spans", 1_000_000L);
    ClickHouseProcess server = ClickHouseProcess.shared();
    ClickHouseConfig config = server.config("span_measurement");
    List<String> ids = new ArrayList<>();
    try (Storage clickhouse = ClickHouseStorage.open(config)) {
      double seconds = write(clickhouse, spans, ids);
      System.out.printf("clickhouse: %d spans in %.1f s, %.0f spans/s%n", spans, seconds, spans / seconds);
      sql(server.url(), config.database(), "OPTIMIZE TABLE spans FINAL");
      sql(server.url(), config.database(), "OPTIMIZE TABLE trace_index FINAL");
      for (String table : List.of("spans", "trace_index")) {
        String[] bytes = sql(server.url(), config.database(), "SELECT sum(data_compressed_bytes), "
            + "sum(bytes_on_disk), sum(data_uncompressed_bytes) FROM system.parts WHERE active AND database = '"
            + config.database() + "' AND table = '" + table + "'").strip().split("\t");
        System.out.printf("clickhouse %s: %.1f bytes/span compressed, %.1f on disk, %.1f uncompressed%n", table,
            Long.parseLong(bytes[0]) / (double) spans, Long.parseLong(bytes[1]) / (double) spans,
            Long.parseLong(bytes[2]) / (double) spans);
      }
      System.out.println("clickhouse spans by column (compressed bytes/span): " + sql(server.url(), config.database(),
          "SELECT name, round(data_compressed_bytes / " + spans + ", 1) FROM system.columns WHERE database = '"
              + config.database() + "' AND table = 'spans' ORDER BY data_compressed_bytes DESC").replace('\n', ' '));
      timeQueries(clickhouse, ids);
    }
    Path store = dir.resolve("store");
    try (Storage embedded = DuckDbStorage.open(store, "2GB")) {
      double seconds = write(embedded, spans, new ArrayList<>());
      System.out.printf("embedded: %d spans in %.1f s, %.0f spans/s%n", spans, seconds, spans / seconds);
    }
    long size;
    try (Stream<Path> files = Files.walk(store)) {
      size = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
    System.out.printf("embedded: %.1f bytes/span on disk%n", size / (double) spans);
  }

  private static double write(Storage storage, long spans, List<String> ids) {
    TrafficModel model = new TrafficModel(7);
    long written = 0;
    long sequence = storage.writer().checkpoint();
    long nanos = 0;
    int trace = 0;
    while (written < spans) {
      List<WriteBatch.Entry> entries = new ArrayList<>();
      for (int r = 0; r < REQUESTS_PER_BATCH && written < spans; r++) {
        List<ResourceSpans> request = new ArrayList<>();
        int inRequest = 0;
        while (inRequest < 500 && written + inRequest < spans) {
          // one trace every 2 ms: a million spans cover about a minute and a half
          List<ResourceSpans> t = model.trace(model.traceSize(), T0 + trace++ * 2_000_000L);
          if (ids.size() < 1000 && trace % 97 == 0) {
            ids.add(HexFormat.of().formatHex(t.get(0).getScopeSpans(0).getSpans(0).getTraceId().toByteArray()));
          }
          request.addAll(t);
          inRequest += t.stream().mapToInt(rs -> rs.getScopeSpans(0).getSpansCount()).sum();
        }
        entries.add(new WriteBatch.Entry(++sequence, "default", new WriteBatch.Traces(request)));
        written += inRequest;
      }
      long start = System.nanoTime();
      storage.writer().write(WriteBatch.of(entries));
      nanos += System.nanoTime() - start;
    }
    return nanos / 1e9;
  }

  private static void timeQueries(Storage storage, List<String> ids) {
    long[] byId = new long[10];
    for (int i = 0; i < byId.length; i++) {
      long start = System.nanoTime();
      String id = ids.get(i * ids.size() / byId.length);
      if (storage.traces().trace("default", id).isEmpty()) {
        throw new IllegalStateException("trace " + id + " not found");
      }
      byId[i] = System.nanoTime() - start;
    }
    long[] search = new long[10];
    for (int i = 0; i < search.length; i++) {
      long start = System.nanoTime();
      storage.traces().search(TraceQuery.builder("default").service("checkout").errorsOnly(true).limit(20).build());
      search[i] = System.nanoTime() - start;
    }
    System.out.printf("clickhouse: trace by id median %.1f ms max %.1f ms; checkout error traces median %.1f ms max %.1f ms%n",
        median(byId), max(byId), median(search), max(search));
  }

  private static double median(long[] nanos) {
    long[] sorted = nanos.clone();
    java.util.Arrays.sort(sorted);
    return (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2e6;
  }

  private static double max(long[] nanos) {
    return java.util.Arrays.stream(nanos).max().orElse(0) / 1e6;
  }

  private static String sql(URI url, String database, String sql) throws IOException, InterruptedException {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(url + "/?database=" + database)).POST(HttpRequest.BodyPublishers.ofString(sql)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(sql + ": " + r.body());
    }
    return r.body();
  }
}
