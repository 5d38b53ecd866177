package dev.sightline.server;

import static dev.sightline.server.ProcessorsTest.attr;
import static dev.sightline.server.ProcessorsTest.hex;
import static dev.sightline.server.ProcessorsTest.resourceSpans;
import static dev.sightline.server.ProcessorsTest.send;
import static dev.sightline.server.ProcessorsTest.span;
import static dev.sightline.server.ProcessorsTest.traceId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tail sampling through the OTLP receiver and the query API, across restarts. */
class TailSamplingTest {
  private static final String ERRORS_AFTER_TEN_SECONDS = """
      processors:
        tail_sampling: {decision_wait: 10s, policies: [{type: status_code}]}
      pipelines:
        traces: [tail_sampling]
      """;
  @TempDir Path dir;

  private Path config(String yaml) throws IOException {
    Path file = dir.resolve("sightline.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  private static final String ADAPTIVE_ONE_A_SECOND = """
      processors:
        tail_sampling:
          decision_wait: 1s
          policies: [{name: adaptive, type: adaptive, traces_per_second: 1, window: 10s}]
      pipelines:
        traces: [tail_sampling]
      """;

  static Span.Builder error(Span.Builder s) {
    return s.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR));
  }

  static Span.Builder child(byte[] trace, long id, String name) {
    return span(trace, id, name).setParentSpanId(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(1).array()));
  }

  static int spans(TestServer server, byte[] trace) {
    var r = server.get("/api/v1/traces/" + hex(trace));
    if (r.statusCode() == 404) {
      return 0;
    }
    return server.getJson("/api/v1/traces/" + hex(trace)).get("spans").size();
  }

  static long decisions(TestServer server) {
    Matcher m = Pattern.compile("(?m)^sightline_tail_sampling_decisions_total\\{[^}]*} (\\d+)$").matcher(server.get("/metrics").body());
    long n = 0;
    while (m.find()) {
      n += Long.parseLong(m.group(1));
    }
    return n;
  }

  @Test
  void anErrorTraceAmongAHundredSurvivesOnePercentAndSpanMetricsCountEverySpan() throws IOException {
    Path yaml = config("""
        processors:
          spanmetrics: {}
          tail_sampling:
            decision_wait: 300ms
            policies:
              - {name: errors, type: status_code}
              - {name: one-percent, type: probabilistic, percentage: 1}
        pipelines:
          traces: [spanmetrics, tail_sampling]
        """);
    try (TestServer server = new TestServer(dir.resolve("data"), "--config=" + yaml)) {
      List<ResourceSpans> normal = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        normal.add(resourceSpans("web", span(traceId(1000 + i), 1, "GET /"), child(traceId(1000 + i), 2, "render")));
      }
      send(server, normal.toArray(ResourceSpans[]::new));
      byte[] failing = traceId(7);
      send(server, resourceSpans("web", span(failing, 1, "POST /pay"), child(failing, 2, "auth")));
      send(server, resourceSpans("payments", error(child(failing, 3, "charge")), child(failing, 4, "ledger")),
          resourceSpans("db", child(failing, 5, "INSERT")));
      TestServer.await("101 traces decided", () -> decisions(server) == 101);
      server.awaitStored();

      assertThat(spans(server, failing)).isEqualTo(5);
      JsonNode kept = server.getJson("/api/v1/traces/" + hex(failing)).get("spans");
      assertThat(kept.get(0).get("traceState").asText()).isEqualTo("ot=th:0");
      assertThat(kept.get(0).get("adjustedCount").asDouble()).isEqualTo(1.0);
      long normalKept = 0;
      for (int i = 0; i < 100; i++) {
        int n = spans(server, traceId(1000 + i));
        assertThat(n).isIn(0, 2);
        normalKept += n / 2;
      }
      assertThat(normalKept).isLessThanOrEqualTo(5);
      long calls = 0;
      for (JsonNode s : server.getJson("/api/v1/metrics/series?lookback=1h&match[]="
          + TestServer.encode("traces.span.metrics.calls")).get("series")) {
        for (JsonNode p : s.get("points")) {
          calls += p.get("value").asLong();
        }
      }
      assertThat(calls).isEqualTo(205);
      assertThat(server.get("/metrics").body())
          .contains("sightline_items_dropped_total{signal=\"traces\",tenant=\"default\",reason=\"tail_sampling\"} " + (200 - 2 * normalKept))
          .contains("sightline_items_written_total{signal=\"traces\",tenant=\"default\"} " + (5 + 2 * normalKept));
    }
  }

  @Test
  void decisionsSurviveARestartAndLateSpansFollowThem() throws IOException {
    Path yaml = config(ERRORS_AFTER_TEN_SECONDS);
    MutableClock clock = new MutableClock(Instant.now());
    byte[] kept = traceId(1);
    byte[] dropped = traceId(2);
    try (TestServer server = new TestServer(dir.resolve("data"), clock, "--config=" + yaml)) {
      send(server, resourceSpans("api", error(span(kept, 1, "GET /a"))), resourceSpans("api", span(dropped, 1, "GET /b")));
      server.awaitStored();
      assertThat(spans(server, kept)).as("held until the wait is over").isZero();
      clock.advance(Duration.ofSeconds(11));
      TestServer.await("both traces decided", () -> decisions(server) == 2);
      server.awaitStored();
      assertThat(spans(server, kept)).isEqualTo(1);
      assertThat(spans(server, dropped)).isZero();
    }
    try (TestServer server = new TestServer(dir.resolve("data"), clock, "--config=" + yaml)) {
      send(server, resourceSpans("worker", child(kept, 2, "late, fine")),
          resourceSpans("worker", error(child(dropped, 2, "late, failing"))));
      server.awaitStored();
      assertThat(spans(server, kept)).as("a late span of a kept trace is kept at once").isEqualTo(2);
      assertThat(spans(server, dropped)).as("a late error does not undo a drop").isZero();
      assertThat(decisions(server)).isZero();
    }
  }

  @Test
  void heldSpansSurviveARestartAndAreStoredOnce() throws IOException {
    Path yaml = config(ERRORS_AFTER_TEN_SECONDS);
    MutableClock clock = new MutableClock(Instant.now());
    byte[] held = traceId(3);
    try (TestServer server = new TestServer(dir.resolve("data"), clock, "--config=" + yaml)) {
      send(server, resourceSpans("api", span(held, 1, "GET /c")));
      send(server, resourceSpans("api", span(traceId(4), 1, "unrelated")));
      send(server, resourceSpans("db", error(child(held, 2, "SELECT"))));
      server.awaitStored();
      assertThat(spans(server, held)).isZero();
    }
    clock.advance(Duration.ofSeconds(5));
    try (TestServer server = new TestServer(dir.resolve("data"), clock, "--config=" + yaml)) {
      server.awaitStored();
      assertThat(spans(server, held)).as("still held after the restart").isZero();
      clock.advance(Duration.ofSeconds(11));
      TestServer.await("the held trace decided", () -> spans(server, held) == 2);
      server.awaitStored();
    }
    try (TestServer server = new TestServer(dir.resolve("data"), clock, "--config=" + yaml)) {
      server.awaitStored();
      clock.advance(Duration.ofSeconds(30));
      send(server, resourceSpans("api", span(traceId(5), 1, "later")));
      server.awaitStored();
      assertThat(spans(server, held)).as("stored once, not again after another restart").isEqualTo(2);
      assertThat(spans(server, traceId(4))).as("the normal trace was dropped").isZero();
    }
  }

  @Test
  void adaptiveSamplingKeepsRareOperationsAndThinsHotOnes() throws IOException {
    Path yaml = config(ADAPTIVE_ONE_A_SECOND);
    MutableClock clock = new MutableClock(Instant.now());
    try (TestServer server = new TestServer(dir.resolve("data"), clock, "--config=" + yaml)) {
      List<ResourceSpans> batch = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        batch.add(resourceSpans("shop", span(traceId(5000 + i), 1, "GET /hot")));
      }
      for (int i = 0; i < 3; i++) {
        batch.add(resourceSpans("shop", span(traceId(9000 + i), 1, "GET /rare")));
      }
      send(server, batch.toArray(ResourceSpans[]::new));
      server.awaitStored();
      clock.advance(Duration.ofSeconds(2));
      TestServer.await("203 traces decided", () -> decisions(server) == 203);
      server.awaitStored();
      for (int i = 0; i < 3; i++) {
        assertThat(spans(server, traceId(9000 + i))).as("rare operations are always kept").isEqualTo(1);
      }
      int hot = 0;
      for (int i = 0; i < 200; i++) {
        hot += spans(server, traceId(5000 + i));
      }
      assertThat(hot).as("hot operations are thinned").isBetween(10, 100);
      JsonNode rates = server.getJson("/api/v1/sampling/rates").get("rates");
      assertThat(rates).hasSize(2);
      for (JsonNode r : rates) {
        if (r.get("operation").asText().equals("GET /hot")) {
          assertThat(r.get("tracesPerSecond").asDouble()).isEqualTo(20.0);
          assertThat(r.get("probability").asDouble()).isEqualTo(0.05);
        } else {
          assertThat(r.get("probability").asDouble()).isEqualTo(1.0);
        }
      }
    }
  }

  @Test
  void adaptiveSamplingCountsTracesSampledUpstreamForTheTracesTheyStandFor() throws IOException {
    Path yaml = config(ADAPTIVE_ONE_A_SECOND);
    MutableClock clock = new MutableClock(Instant.now());
    try (TestServer server = new TestServer(dir.resolve("data"), clock, "--config=" + yaml)) {
      List<ResourceSpans> batch = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        // kept by an SDK's consistent sampler at 50 %: randomness above the threshold 2^55, which the tracestate says
        byte[] id = ByteBuffer.allocate(16).putLong(0x5eed).put((byte) 0).put((byte) 0x80).putShort((short) 0)
            .putInt(i).array();
        batch.add(resourceSpans("shop", span(id, 1, "GET /sampled").setTraceState("ot=th:8")));
      }
      send(server, batch.toArray(ResourceSpans[]::new));
      server.awaitStored();
      clock.advance(Duration.ofSeconds(2));
      TestServer.await("100 traces decided", () -> decisions(server) == 100);
      JsonNode rate = server.getJson("/api/v1/sampling/rates").get("rates").get(0);
      assertThat(rate.get("tracesPerSecond").asDouble()).as("each trace stands for two").isEqualTo(20.0);
      assertThat(rate.get("probability").asDouble()).isEqualTo(0.05);
    }
  }
}
