package dev.sightline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.CodedOutputStream;
import io.airlift.compress.snappy.SnappyCompressor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Loki push API with the bodies Promtail, Alloy, Vector and Fluent Bit send: JSON (plain and
 * gzip) and snappy-compressed protobuf (encoded here from Loki's {@code logproto.PushRequest},
 * as no Loki client runs here), a bad entry among good ones, and the records found again through
 * the log search API.
 */
class LokiPushTest {
  @TempDir Path dir;

  @Test
  void storesJsonAndProtobufPushesAndReportsBadEntries() throws Exception {
    try (TestServer server = new TestServer(dir.resolve("data"))) {
      long now = System.currentTimeMillis() * 1_000_000L;
      String json = """
          {"streams": [
            {"stream": {"service_name": "checkout", "env": "prod", "level": "error"},
             "values": [["%d", "payment declined for order 17", {"trace_id": "abc123"}],
                        ["not-a-time", "lost?"],
                        ["%d", "retrying payment"]]},
            {"stream": {"job": "batch"}, "values": [["%d", "nightly run started"]]}
          ]}""".formatted(now - 2_000_000_000L, now - 1_000_000_000L, now);
      HttpResponse<String> mixed = server.post(server.api() + "/loki/api/v1/push", "application/json",
          json.getBytes(StandardCharsets.UTF_8));
      assertThat(mixed.statusCode()).isEqualTo(400);
      assertThat(mixed.body()).contains("streams[0].values[1]: timestamp 'not-a-time' is not Unix nanoseconds");

      HttpResponse<String> gzip = server.post(server.api() + "/loki/api/v1/push", "application/json",
          gzip("{\"streams\":[{\"stream\":{\"app\":\"gateway\"},\"values\":[[\"%d\",\"gzip line\"]]}]}".formatted(now)),
          "Content-Encoding", "gzip");
      assertThat(gzip.statusCode()).isEqualTo(204);

      HttpResponse<String> proto = server.post(server.api() + "/loki/api/v1/push", "application/x-protobuf",
          snappy(push("{service_name=\"inventory\", level=\"warn\"}", now / 1_000_000_000L, 250, "stock low", "sku", "A-1")));
      assertThat(proto.statusCode()).isEqualTo(204);
      HttpResponse<String> badLabels = server.post(server.api() + "/loki/api/v1/push", "application/x-protobuf",
          snappy(push("service_name=oops", now / 1_000_000_000L, 0, "x", "k", "v")));
      assertThat(badLabels.statusCode()).isEqualTo(400);
      assertThat(badLabels.body()).contains("streams[0]: labels 'service_name=oops' are not of the form");
      HttpResponse<String> text = server.post(server.api() + "/loki/api/v1/push", "text/plain", new byte[] {1});
      assertThat(text.statusCode()).isEqualTo(415);
      server.awaitStored();

      JsonNode checkout = server.getJson("/api/v1/logs?service=checkout").get("logs");
      assertThat(checkout).hasSize(2);
      JsonNode declined = checkout.get(0).get("body").asText().startsWith("payment") ? checkout.get(0) : checkout.get(1);
      assertThat(declined.get("severityText").asText()).isEqualTo("error");
      assertThat(declined.get("severityNumber").asInt()).isEqualTo(17);
      assertThat(declined.get("attributes").get("env").asText()).isEqualTo("prod");
      assertThat(declined.get("attributes").get("trace_id").asText()).isEqualTo("abc123");
      assertThat(server.getJson("/api/v1/logs?service=batch").get("logs")).hasSize(1);
      assertThat(server.getJson("/api/v1/logs?service=gateway").get("logs").get(0).get("body").asText()).isEqualTo("gzip line");
      JsonNode stock = server.getJson("/api/v1/logs?service=inventory").get("logs").get(0);
      assertThat(stock.get("body").asText()).isEqualTo("stock low");
      assertThat(stock.get("severityNumber").asInt()).isEqualTo(13);
      assertThat(stock.get("attributes").get("sku").asText()).isEqualTo("A-1");
      assertThat(server.get("/metrics").body()).contains("sightline_loki_entries_total{outcome=\"unreadable\"} 2");
    }
  }

  /** {@code PushRequest{streams: [{labels, entries: [{timestamp{seconds, nanos}, line, structuredMetadata}]}]}}. */
  static byte[] push(String labels, long seconds, int nanos, String line, String metaName, String metaValue) throws IOException {
    byte[] ts = message(o -> {
      o.writeInt64(1, seconds);
      o.writeInt32(2, nanos);
    });
    byte[] meta = message(o -> {
      o.writeString(1, metaName);
      o.writeString(2, metaValue);
    });
    byte[] entry = message(o -> {
      o.writeByteArray(1, ts);
      o.writeString(2, line);
      o.writeByteArray(3, meta);
    });
    byte[] stream = message(o -> {
      o.writeString(1, labels);
      o.writeByteArray(2, entry);
    });
    return message(o -> o.writeByteArray(1, stream));
  }

  interface Fields {
    void write(CodedOutputStream o) throws IOException;
  }

  static byte[] message(Fields fields) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    CodedOutputStream o = CodedOutputStream.newInstance(b);
    fields.write(o);
    o.flush();
    return b.toByteArray();
  }

  static byte[] snappy(byte[] raw) {
    SnappyCompressor c = new SnappyCompressor();
    byte[] out = new byte[c.maxCompressedLength(raw.length)];
    return Arrays.copyOf(out, c.compress(raw, 0, raw.length, out, 0, out.length));
  }

  static byte[] gzip(String s) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(b)) {
      g.write(s.getBytes(StandardCharsets.UTF_8));
    }
    return b.toByteArray();
  }
}
