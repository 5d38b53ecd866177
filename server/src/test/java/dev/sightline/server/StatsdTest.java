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
      TestServer.await("the StatsD flush", () -> series(server, "shop.tcp").size() > 0
          && series(server, "shop.users").size() > 0 && sumOfValues(series(server, "shop.tcp")) == 7);
      server.awaitStored();

      JsonNode orders = series(server, "shop.orders");
      assertThat(sumOfValues(orders)).as("1 + 2 at a 0.5 sample rate").isEqualTo(5.0);
      assertThat(orders.get(0).get("labels").get("service.name").asText()).isEqualTo("checkout");
      assertThat(orders.get(0).get("points").get(0).get("attributes").get("region").asText()).isEqualTo("eu");
      assertThat(orders.get(0).get("temporality").asText()).isEqualTo("delta");
      assertThat(series(server, "shop.queue").get(0).get("points").get(0).get("value").asDouble()).isEqualTo(15.0);
      JsonNode latency = series(server, "shop.latency").get(0);
      assertThat(latency.get("type").asText()).isEqualTo("histogram");
      assertThat(latency.get("unit").asText()).isEqualTo("ms");
      assertThat(latency.get("points").get(0).get("count").asLong()).isEqualTo(2);
      assertThat(latency.get("points").get(0).get("sum").asDouble()).isEqualTo(200.0);
      assertThat(series(server, "shop.users").get(0).get("points").get(0).get("value").asLong()).isEqualTo(2);
      assertThat(series(server, "shop.users").get(0).get("labels").get("service.name").asText()).isEqualTo("statsd");

      String metrics = server.get("/metrics").body();
      assertThat(metrics).contains("sightline_statsd_lines_total{outcome=\"malformed_syntax\"} 1",
          "sightline_statsd_lines_total{outcome=\"malformed_value\"} 1", "sightline_statsd_lines_total{outcome=\"malformed_type\"} 1",
          "sightline_statsd_lines_total{outcome=\"accepted\"} 11");
    }
  }
}
