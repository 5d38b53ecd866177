package dev.sightline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import dev.sightline.ingestlog.kafka.KafkaTestBroker;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Separate processes around an in-process KRaft broker: one ingest node and two consuming nodes
 * (role all, each with its own embedded store) in one group. Clients send traces to the ingest
 * node; one consuming node is killed with SIGKILL mid-way and started again. Every acknowledged
 * trace is stored whole; a trace may be stored twice only across the kill (ADR 0012), which the
 * test counts and prints rather than forbids.
 */
class KafkaWorkerKillTest {
  private static final int SPANS = 5;
  private static final long T0 = System.currentTimeMillis() * 1_000_000L;
  @TempDir Path dir;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final AtomicLong next = new AtomicLong(1);
  private final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();

  @Test
  void everyAcknowledgedTraceIsStoredWholeAfterAWorkerIsKilled() throws Exception {
    // one after the other: three JVMs starting at once on two busy cores take longer than the wait
    try (KafkaTestBroker broker = KafkaTestBroker.start();
        NodeProcess ingest = started(new NodeProcess(dir.resolve("ingest"), flags(broker, "ingest")));
        NodeProcess a = started(new NodeProcess(dir.resolve("a"), flags(broker, "all")));
        NodeProcess b = started(new NodeProcess(dir.resolve("b"), flags(broker, "all")))) {
      long stopAt = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      List<Thread> clients = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        Thread t = new Thread(() -> sendUntil(ingest, stopAt));
        t.start();
        clients.add(t);
      }
      TestServer.await("some acknowledged traffic", () -> acknowledged.size() >= 300);
      a.kill();
      for (Thread t : clients) {
        t.join();
      }
      a.restart();
      a.awaitReady();
      int twice = 0;
      for (long trace : acknowledged) {
        int[] stored = new int[2];
        TestServer.await("trace " + trace + " stored", () -> {
          stored[0] = spans(a, trace);
          stored[1] = spans(b, trace);
          return stored[0] + stored[1] >= SPANS;
        });
        assertThat(List.of(stored[0], stored[1])).as("spans of trace %d in the two stores", trace)
            .contains(SPANS).allMatch(n -> n == 0 || n == SPANS);
        if (stored[0] > 0 && stored[1] > 0) {
          twice++;
        }
      }
      System.out.printf("figures: %d traces acknowledged, all stored whole; %d stored by both workers across the kill%n",
          acknowledged.size(), twice);
    }
  }

  private static NodeProcess started(NodeProcess node) throws IOException, InterruptedException {
    try {
      node.awaitReady();
      return node;
    } catch (AssertionError e) {
      node.close(); // not yet a resource of the try: stop it here, or it outlives the test
      throw e;
    }
  }

  private static String[] flags(KafkaTestBroker broker, String role) {
    return new String[] {"--node.role=" + role, "--ingest.log=kafka", "--kafka.bootstrap.servers=" + broker.bootstrapServers(),
        "--kafka.replication.factor=1", "--kafka.topic.traces.partitions=6", "--kafka.topic.metrics.partitions=2",
        "--kafka.topic.logs.partitions=2", "--kafka.session.timeout=6s", "--kafka.group.id=kill"};
  }

  private static int spans(NodeProcess node, long trace) {
    HttpResponse<String> r = node.get("/api/v1/traces/" + hex(trace));
    if (r.statusCode() != 200) {
      return 0;
    }
    JsonNode spans = node.getJson("/api/v1/traces/" + hex(trace)).get("spans");
    return spans == null ? 0 : spans.size();
  }

  private void sendUntil(NodeProcess ingest, long stopAt) {
    while (System.nanoTime() < stopAt) {
      long id = next.getAndIncrement();
      try {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingest.otlpHttpPort + "/v1/traces"))
            .header("Content-Type", "application/x-protobuf").timeout(Duration.ofSeconds(15))
            .POST(HttpRequest.BodyPublishers.ofByteArray(traces(id))).build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          acknowledged.add(id);
        }
      } catch (IOException e) {
        // not acknowledged: nothing to find
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static String hex(long trace) {
    return String.format("%016x%016x", 0xfeedL, trace);
  }

  private static byte[] traces(long trace) {
    ByteString traceId = ByteString.copyFrom(ByteBuffer.allocate(16).putLong(0xfeedL).putLong(trace).array());
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    for (int i = 1; i <= SPANS; i++) {
      scope.addSpans(Span.newBuilder().setTraceId(traceId).setSpanId(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(trace * 16 + i).array()))
          .setName("op-" + i).setStartTimeUnixNano(T0 + trace).setEndTimeUnixNano(T0 + trace + 1000));
    }
    return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
        .setResource(Resource.newBuilder().addAttributes(KeyValue.newBuilder().setKey("service.name")
            .setValue(AnyValue.newBuilder().setStringValue("kill-test"))))
        .addScopeSpans(scope)).build().toByteArray();
  }
}
