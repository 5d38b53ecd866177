package dev.sightline.server;

import static dev.sightline.server.ProcessorsTest.resourceSpans;
import static dev.sightline.server.ProcessorsTest.send;
import static dev.sightline.server.ProcessorsTest.span;
import static dev.sightline.server.ProcessorsTest.traceId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sightline.ingestlog.kafka.KafkaTestBroker;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tail sampling behind Kafka: every request mixes spans of 40 traces, and a trace's spans come in
 * three requests. Two consuming nodes share the partitions; as traces are keyed by trace id, each
 * trace is decided whole by one of them: error traces kept with all their spans on one node,
 * the others dropped everywhere.
 */
class KafkaTailSamplingTest {
  private static final int TRACES = 40;
  @TempDir Path dir;

  @Test
  void eachTraceIsDecidedWholeByOneWorker() throws Exception {
    Path config = dir.resolve("tail.yaml");
    Files.writeString(config, """
        processors:
          tail_sampling: {decision_wait: 3s, policies: [{type: status_code}]}
        pipelines:
          traces: [tail_sampling]
        """);
    try (KafkaTestBroker broker = KafkaTestBroker.start();
        TestServer ingest = new TestServer(Files.createDirectory(dir.resolve("ingest")), flags(broker, "ingest", config));
        TestServer a = new TestServer(Files.createDirectory(dir.resolve("a")), flags(broker, "all", config));
        TestServer b = new TestServer(Files.createDirectory(dir.resolve("b")), flags(broker, "all", config))) {
      TestServer.await("both workers in the group", () -> rebalances(a) > 0 && rebalances(b) > 0);
      awaitSettled(a, b); // a rebalance in the middle of a trace would split it between the workers
      for (int part = 0; part < 3; part++) {
        List<Span.Builder> spans = new ArrayList<>();
        for (int t = 0; t < TRACES; t++) {
          Span.Builder s = span(traceId(t), t * 10L + part + 1, "op-" + part);
          spans.add(part == 2 && t % 2 == 0 ? TailSamplingTest.error(s) : s);
        }
        send(ingest, resourceSpans("checkout", spans.toArray(Span.Builder[]::new)));
      }
      TestServer.await("every trace decided", () -> TailSamplingTest.decisions(a) + TailSamplingTest.decisions(b) >= TRACES);
      for (int t = 0; t < TRACES; t++) {
        int onA = TailSamplingTest.spans(a, traceId(t));
        int onB = TailSamplingTest.spans(b, traceId(t));
        if (t % 2 == 0) {
          assertThat(Stream.of(onA, onB).sorted().toList()).as("error trace %d: all spans on one worker", t).containsExactly(0, 3);
        } else {
          assertThat(onA + onB).as("trace %d without errors is dropped", t).isZero();
        }
      }
      assertThat(TailSamplingTest.decisions(a)).as("both workers decided traces").isPositive();
      assertThat(TailSamplingTest.decisions(b)).isPositive();
    }
  }

  /** Waits until neither worker took part in a rebalance for three seconds. */
  private static void awaitSettled(TestServer a, TestServer b) throws InterruptedException {
    long seen = -1;
    while (rebalances(a) + rebalances(b) != seen) {
      seen = rebalances(a) + rebalances(b);
      Thread.sleep(3_000);
    }
  }

  private static long rebalances(TestServer server) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^sightline_kafka_rebalances (\\d+)").matcher(server.get("/metrics").body());
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  private static String[] flags(KafkaTestBroker broker, String role, Path config) {
    return new String[] {"--config=" + config, "--node.role=" + role, "--ingest.log=kafka",
        "--kafka.bootstrap.servers=" + broker.bootstrapServers(), "--kafka.replication.factor=1",
        "--kafka.topic.traces.partitions=6", "--kafka.topic.metrics.partitions=2", "--kafka.topic.logs.partitions=2",
        "--kafka.session.timeout=6s", "--kafka.group.id=tail"};
  }
}
