package dev.sightline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.CodedOutputStream;
import io.airlift.compress.snappy.SnappyCompressor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Remote-write 2.0 ({@code io.prometheus.write.v2.Request}, symbol table and references), encoded
 * here from the specification's proto because the Prometheus available here (2.42) sends only 1.0.
 */
class RemoteWriteV2Test {
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  @TempDir Path dir;

  @Test
  void storesSeriesExemplarsAndMetadataAndReportsWhatWasWritten() throws Exception {
    try (TestServer server = new TestServer(dir.resolve("data"))) {
      long now = System.currentTimeMillis() / 1000 * 1000;
      List<String> symbols = List.of("", "__name__", "jobs_total", "instance", "i1", "job", "api", "trace_id", TRACE, "Jobs done.");
      byte[] body = snappy(request(symbols, now));
      HttpResponse<String> r = server.post(server.api() + "/api/v1/write",
          "application/x-protobuf;proto=io.prometheus.write.v2.Request", body,
          "Content-Encoding", "snappy", "X-Prometheus-Remote-Write-Version", "2.0.0");
      assertThat(r.statusCode()).isEqualTo(204);
      assertThat(r.headers().firstValue("X-Prometheus-Remote-Write-Samples-Written")).contains("2");
      assertThat(r.headers().firstValue("X-Prometheus-Remote-Write-Exemplars-Written")).contains("1");
      server.awaitStored();
      JsonNode jobs = ScrapeTest.query(server, "jobs_total");
      assertThat(jobs.get(0).get("metric").get("job").asText()).isEqualTo("api");
      assertThat(ScrapeTest.value(jobs.get(0))).isEqualTo(7.0);
      assertThat(server.getJson("/api/v1/metadata?metric=jobs_total").get("data").get("jobs_total").get(0)
          .get("type").asText()).isEqualTo("counter");
      JsonNode exemplar = server.getJson("/api/v1/query_exemplars?query=jobs_total").get("data").get(0);
      assertThat(exemplar.get("exemplars").get(0).get("labels").get("trace_id").asText()).isEqualTo(TRACE);

      HttpResponse<String> unknown = server.post(server.api() + "/api/v1/write",
          "application/x-protobuf;proto=io.prometheus.write.v3.Request", body, "Content-Encoding", "snappy");
      assertThat(unknown.statusCode()).isEqualTo(415);
      assertThat(unknown.body()).contains("io.prometheus.write.v2.Request");
      byte[] badRef = snappy(request(List.of("", "__name__"), now));
      HttpResponse<String> bad = server.post(server.api() + "/api/v1/write",
          "application/x-protobuf;proto=io.prometheus.write.v2.Request", badRef, "Content-Encoding", "snappy");
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(bad.body()).contains("symbol reference");
    }
  }

  /** One series with two samples, one exemplar and counter metadata, in 2.0's wire format. */
  private static byte[] request(List<String> symbols, long now) throws IOException {
    ByteArrayOutputStream series = new ByteArrayOutputStream();
    CodedOutputStream s = CodedOutputStream.newInstance(series);
    s.writeByteArray(1, packed(1, 2, 3, 4, 5, 6));
    s.writeByteArray(2, sample(5, now - 1000));
    s.writeByteArray(2, sample(7, now));
    ByteArrayOutputStream exemplar = new ByteArrayOutputStream();
    CodedOutputStream e = CodedOutputStream.newInstance(exemplar);
    e.writeByteArray(1, packed(7, 8));
    e.writeDouble(2, 1.0);
    e.writeInt64(3, now);
    e.flush();
    s.writeByteArray(4, exemplar.toByteArray());
    ByteArrayOutputStream metadata = new ByteArrayOutputStream();
    CodedOutputStream m = CodedOutputStream.newInstance(metadata);
    m.writeEnum(1, 1);
    m.writeUInt32(3, 9);
    m.flush();
    s.writeByteArray(5, metadata.toByteArray());
    s.flush();
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(request);
    for (String symbol : symbols) {
      out.writeString(4, symbol);
    }
    out.writeByteArray(5, series.toByteArray());
    out.flush();
    return request.toByteArray();
  }

  private static byte[] packed(int... refs) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    CodedOutputStream o = CodedOutputStream.newInstance(b);
    for (int r : refs) {
      o.writeUInt32NoTag(r);
    }
    o.flush();
    return b.toByteArray();
  }

  private static byte[] sample(double value, long ts) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    CodedOutputStream o = CodedOutputStream.newInstance(b);
    o.writeDouble(1, value);
    o.writeInt64(2, ts);
    o.flush();
    return b.toByteArray();
  }

  private static byte[] snappy(byte[] raw) {
    SnappyCompressor c = new SnappyCompressor();
    byte[] out = new byte[c.maxCompressedLength(raw.length)];
    return Arrays.copyOf(out, c.compress(raw, 0, raw.length, out, 0, out.length));
  }
}
