package dev.sightline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trace, its log record and a gauge exported from one server, in OTLP/JSON lines and in Parquet,
 * the trace after it moved to the warm tier, and imported into a fresh server, where the same
 * queries find them.
 */
class ExportImportTest {
  @TempDir Path dir;

  @Test
  void exportedFilesImportIntoAnotherServer() throws Exception {
    MutableClock clock = new MutableClock(StorageTiersTest.WRITTEN.plus(Duration.ofMinutes(5)));
    long from = StorageTiersTest.WRITTEN.minus(Duration.ofHours(1)).getEpochSecond();
    long to = StorageTiersTest.WRITTEN.plus(Duration.ofHours(1)).getEpochSecond();
    for (String format : new String[] {"otlp-json", "parquet"}) {
      byte[][] files = new byte[3][];
      String[] signals = {"traces", "logs", "metrics"};
      try (TestServer source = new TestServer(dir.resolve("source-" + format), clock, "--tiers.interval=0")) {
        StorageTiersTest.send(source);
        TestServer.await("stored", () -> source.get("/api/v1/traces/" + StorageTiersTest.TRACE).statusCode() == 200
            && source.getJson("/api/v1/query?query=tier_gauge&time=" + StorageTiersTest.WRITTEN.getEpochSecond())
                .get("data").get("result").size() == 1);
        clock.advance(Duration.ofDays(8));
        source.post(source.api() + "/api/v1/tiers/lifecycle", "application/json", new byte[0]);
        for (int i = 0; i < 3; i++) {
          HttpResponse<byte[]> r = source.http.send(HttpRequest.newBuilder(URI.create(source.api() + "/api/v1/export?signal="
              + signals[i] + "&format=" + format + "&start=" + from + "&end=" + to)).build(), HttpResponse.BodyHandlers.ofByteArray());
          assertThat(r.statusCode()).as(signals[i] + " " + format + ": " + new String(r.body())).isEqualTo(200);
          files[i] = r.body();
        }
        clock.advance(Duration.ofDays(-8));
      }
      assertThat(new String(files[0])).as("an export of the warm tier").contains(format.equals("parquet") ? "PAR1" : "checkout");
      try (TestServer target = new TestServer(dir.resolve("target-" + format), clock)) {
        for (int i = 0; i < 3; i++) {
          var r = target.post(target.api() + "/api/v1/import?signal=" + signals[i] + "&format=" + format,
              "application/octet-stream", files[i]);
          assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
          long imported = TestServer.JSON.readTree(r.body()).get("imported").asLong();
          if (i < 2) {
            assertThat(imported).as(signals[i]).isEqualTo(i == 0 ? 2 : 1);
          } else {
            assertThat(imported).as("the gauge and the span metrics made from the trace").isGreaterThan(1);
          }
        }
        TestServer.await("imported", () -> target.get("/api/v1/traces/" + StorageTiersTest.TRACE).statusCode() == 200);
        JsonNode trace = target.getJson("/api/v1/traces/" + StorageTiersTest.TRACE);
        assertThat(trace.get("spans")).hasSize(2);
        TestServer.await("log imported", () -> target.getJson("/api/v1/logs?contains=paid&start=" + from + "&end=" + to)
            .get("logs").size() == 1);
        TestServer.await("gauge imported", () -> target.getJson("/api/v1/query?query=tier_gauge&time="
            + StorageTiersTest.WRITTEN.getEpochSecond()).get("data").get("result").size() == 1);
      }
    }
  }

  @Test
  void aBrokenImportNamesTheLine() throws Exception {
    try (TestServer server = new TestServer(dir.resolve("data"))) {
      var r = server.post(server.api() + "/api/v1/import?signal=traces&format=otlp-json", "application/x-ndjson",
          "{\"resourceSpans\": []}\n{not json\n".getBytes());
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.body()).contains("line 2");
      var parquet = server.post(server.api() + "/api/v1/import?signal=logs&format=parquet", "application/octet-stream",
          "not parquet".getBytes());
      assertThat(parquet.statusCode()).isEqualTo(400);
      assertThat(parquet.body()).contains("not a Parquet export of logs");
      assertThat(server.get("/api/v1/export?signal=spans").statusCode()).isEqualTo(400);
    }
  }
}
