package dev.sightline.server.promql;

import dev.sightline.server.SightlineServer;
import dev.sightline.server.config.ConfigLoader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Sightline started in this JVM on ephemeral ports with its data in a temporary directory, as the other server tests start it. */
final class InProcessSightline implements AutoCloseable {
  private static final Duration STORE_TIMEOUT = Duration.ofSeconds(180);
  private final SightlineServer server;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  InProcessSightline(Path dataDir) {
    List<String> flags = List.of("--data.dir=" + dataDir, "--listen.address=127.0.0.1", "--otlp.grpc.port=0",
        "--otlp.http.port=0", "--http.port=0", "--storage.memory.limit=512MB", "--shutdown.timeout=20s");
    server = SightlineServer.start(ConfigLoader.load(flags, Map.of()), Clock.systemUTC());
  }

  String api() {
    return "http://127.0.0.1:" + server.httpPort();
  }

  /** Waits until everything durable in the ingest log is stored (the pipeline's lag is zero). */
  void awaitStored() throws InterruptedException {
    long deadline = System.nanoTime() + STORE_TIMEOUT.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      try {
        last = http.send(HttpRequest.newBuilder(URI.create(api() + "/metrics")).GET().build(),
            HttpResponse.BodyHandlers.ofString()).body();
        if (last.contains("sightline_pipeline_lag_entries 0\n")) {
          return;
        }
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(50);
    }
    throw new AssertionError("Sightline did not store the ingest log within " + STORE_TIMEOUT + "; last /metrics lag: "
        + last.lines().filter(l -> l.startsWith("sightline_pipeline_lag")).toList());
  }

  @Override
  public void close() {
    server.close();
  }
}
