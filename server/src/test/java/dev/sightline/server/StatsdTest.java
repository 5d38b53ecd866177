package dev.sightline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** StatsD lines over real UDP and TCP sockets come back through the metric API. */
class StatsdTest {
  @TempDir Path data;

  static JsonNode series(TestServer server, String name) {
    return server.getJson("/api/v1/metrics/series?lookback=1h&match[]=" + TestServer.encode(name)).get("series");
  }

  static double sumOfValues(JsonNode series) {
    double sum = 0;
    for (JsonNode s : series) {
      for (JsonNode p : s.get("points")) {
        sum += p.get("value").asDouble();
      }
    }
    return sum;
  }

  static long histogramCount(JsonNode series) {
    long n = 0;
    for (JsonNode p : series.get(0).get("points")) {
      n += p.get("count").asLong();
    }
    return n;
  }

  static double lastValue(JsonNode series) {
    JsonNode points = series.get(0).get("points");
    return points.get(points.size() - 1).get("value").asDouble();
  }

  @Test
  void countersGaugesTimersAndSetsArriveAndMalformedLinesAreCountedAndSkipped() throws Exception {
    try (TestServer server = new TestServer(data, "--statsd.enabled=true", "--statsd.port=0", "--statsd.flush.interval=200ms");
        DatagramSocket udp = new DatagramSocket()) {
      int port = server.server.statsdPort();
      String packet = String.join("\n",
          "shop.orders:1|c|#service:checkout,region:eu",
          "shop.orders:2|c|@0.5|#service:checkout,region:eu",
          "this is not statsd",
          "shop.queue:10|g",
          "shop.queue:+5|g",
          "shop.latency:120|ms|#service:checkout",
          "shop.latency:80|ms|#service:checkout",
          "shop.users:alice|s",
          "shop.users:bob|s",
          "shop.users:alice|s",
          "shop.bad:abc|c",
          "shop.odd:1|x");
      byte[] bytes = packet.getBytes(StandardCharsets.UTF_8);
      udp.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
      try (Socket tcp = new Socket(InetAddress.getLoopbackAddress(), port); OutputStream out = tcp.getOutputStream()) {
        out.write("shop.tcp:3|c\nshop.tcp:4|c\n".getBytes(StandardCharsets.UTF_8));
      }
      TestServer.await("the StatsD flushes", () -> sumOfValues(series(server, "shop.tcp")) == 7
          && sumOfValues(series(server, "shop.orders")) == 5 && series(server, "shop.users").size() > 0
          && series(server, "shop.latency").size() > 0 && series(server, "shop.queue").size() > 0
          && lastValue(series(server, "shop.queue")) == 15 && histogramCount(series(server, "shop.latency")) == 2);
      server.awaitStored();

      JsonNode orders = series(server, "shop.orders");
      assertThat(sumOfValues(orders)).as("1 + 2 at a 0.5 sample rate").isEqualTo(5.0);
      assertThat(orders.get(0).get("labels").get("service.name").asText()).isEqualTo("checkout");
      assertThat(orders.get(0).get("points").get(0).get("attributes").get("region").asText()).isEqualTo("eu");
      assertThat(orders.get(0).get("temporality").asText()).isEqualTo("delta");
      // A flush may fall between two lines of the datagram, so look at every interval's point.
      JsonNode queue = series(server, "shop.queue").get(0).get("points");
      assertThat(queue.get(queue.size() - 1).get("value").asDouble()).as("10, then +5").isEqualTo(15.0);
      JsonNode latency = series(server, "shop.latency").get(0);
      assertThat(latency.get("type").asText()).isEqualTo("histogram");
      assertThat(latency.get("unit").asText()).isEqualTo("ms");
      double sum = 0;
      for (JsonNode p : latency.get("points")) {
        sum += p.get("sum").asDouble();
      }
      assertThat(histogramCount(series(server, "shop.latency"))).isEqualTo(2);
      assertThat(sum).isEqualTo(200.0);
      long distinct = 0;
      for (JsonNode p : series(server, "shop.users").get(0).get("points")) {
        distinct = Math.max(distinct, p.get("value").asLong());
      }
      assertThat(distinct).as("alice and bob").isEqualTo(2);
      assertThat(series(server, "shop.users").get(0).get("labels").get("service.name").asText()).isEqualTo("statsd");

      String metrics = server.get("/metrics").body();
      assertThat(metrics).contains("sightline_statsd_lines_total{outcome=\"malformed_syntax\"} 1",
          "sightline_statsd_lines_total{outcome=\"malformed_value\"} 1", "sightline_statsd_lines_total{outcome=\"malformed_type\"} 1",
          "sightline_statsd_lines_total{outcome=\"accepted\"} 11");
    }
  }
}
