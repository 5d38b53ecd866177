package dev.sightline.storage.duckdb;

import static dev.sightline.storage.tests.SampleData.attr;
import static dev.sightline.storage.tests.SampleData.resource;
import static dev.sightline.storage.tests.SampleData.span;

import dev.sightline.storage.WriteBatch;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures what DuckDB's encryption costs the store, not a test: 300,000 spans with six attributes
 * written in batches of 1,000 and checkpointed, then a full scan counting an attribute value, again after reopening (blocks read
 * and decrypted from the file); plain
 * and encrypted alternately, three rounds. Run with
 * {@code -Dsightline.measure=true -Dtest=StoreEncryptionMeasurement}.
 */
@EnabledIfSystemProperty(named = "sightline.measure", matches = "true")
class StoreEncryptionMeasurement {
  private static final int SPANS = 300_000;
  private static final int BATCH = 1_000;
  @TempDir Path dir;

  @Test
  void writeAndScanThroughputPlainAndEncrypted() throws Exception {
    for (int round = 0; round < 3; round++) {
      for (boolean encrypted : new boolean[] {false, true}) {
        Path d = dir.resolve(round + "-" + encrypted);
        long sequence = 0;
        try (DuckDbStorage s = DuckDbStorage.open(d, "1GB", SampleStoreConfig.DEFAULT, encrypted ? EncryptedStoreTest.ENCRYPTION : null)) {
          long t0 = System.nanoTime();
          for (int b = 0; b < SPANS / BATCH; b++) {
            ScopeSpans.Builder spans = ScopeSpans.newBuilder();
            for (int i = 0; i < BATCH; i++) {
              long n = (long) b * BATCH + i;
              spans.addSpans(span(n / 10, n, 0, "GET /cart/" + (n % 50), 1_000 + n, 5).addAttributes(attr("user.id", "user-" + n))
                  .addAttributes(attr("http.route", "/cart/{id}")).addAttributes(attr("region", "eu-" + (n % 3))).build());
            }
            ResourceSpans rs = ResourceSpans.newBuilder().setResource(resource("checkout", attr("host", "h" + (b % 4))))
                .addScopeSpans(spans).build();
            s.writer().write(WriteBatch.of(List.of(new WriteBatch.Entry(++sequence, "acme", new WriteBatch.Traces(List.of(rs))))));
          }
          s.readersForTest(c -> {
            try (Statement st = c.createStatement()) {
              st.execute("CHECKPOINT");
            }
            return null;
          });
          long t1 = System.nanoTime();
          long found = s.readersForTest(c -> {
            try (Statement st = c.createStatement(); ResultSet r = st.executeQuery(
                "SELECT count(*) FROM spans WHERE attributes LIKE '%user-299999%'")) {
              r.next();
              return r.getLong(1);
            }
          });
          long t2 = System.nanoTime();
          System.out.printf("MEASURE round %d %-9s write+checkpoint %7.0f spans/s, full scan %5.0f ms (found %d), file %d bytes%n",
              round, encrypted ? "encrypted" : "plain", SPANS / ((t1 - t0) / 1e9), (t2 - t1) / 1e6, found,
              java.nio.file.Files.size(d.resolve("sightline.duckdb")));
        }
        try (DuckDbStorage s = DuckDbStorage.open(d, "1GB", SampleStoreConfig.DEFAULT, encrypted ? EncryptedStoreTest.ENCRYPTION : null)) {
          long t0 = System.nanoTime();
          long found = s.readersForTest(c -> {
            try (Statement st = c.createStatement(); ResultSet r = st.executeQuery(
                "SELECT count(*) FROM spans WHERE attributes LIKE '%user-299999%'")) {
              r.next();
              return r.getLong(1);
            }
          });
          System.out.printf("MEASURE round %d %-9s after reopen: full scan from disk %5.0f ms (found %d)%n", round,
              encrypted ? "encrypted" : "plain", (System.nanoTime() - t0) / 1e6, found);
        }
      }
    }
  }
}
