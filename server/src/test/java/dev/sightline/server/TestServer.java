package dev.sightline.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sightline.server.config.ConfigLoader;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** A real server on ephemeral ports in a temporary directory, and an HTTP client for its API. */
public final class TestServer implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  final SightlineServer server;
  // HTTP/1.1: the JDK client turns HTTP/2's reset of a request body the server answered without
  // reading (an early 401 or 415) into an error instead of the answer.
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  TestServer(Path dataDir, String... extraFlags) {
    this(dataDir, Clock.systemUTC(), extraFlags);
  }

  TestServer(Path dataDir, Clock clock, String... extraFlags) {
    List<String> flags = new ArrayList<>(List.of("--data.dir=" + dataDir, "--listen.address=127.0.0.1",
        "--otlp.grpc.port=0", "--otlp.http.port=0", "--http.port=0", "--storage.memory.limit=512MB",
        "--shutdown.timeout=20s", "--self.metrics.interval=0"));
    flags.addAll(List.of(extraFlags));
    server = SightlineServer.start(ConfigLoader.load(flags, Map.of()), clock);
  }

  String api() {
    return "http://127.0.0.1:" + server.httpPort();
  }

  String otlpHttp() {
    return "http://127.0.0.1:" + server.otlpHttpPort();
  }

  String otlpGrpc() {
    return "http://127.0.0.1:" + server.otlpGrpcPort();
  }

  HttpResponse<String> get(String pathAndQuery) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(api() + pathAndQuery)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  JsonNode getJson(String pathAndQuery) {
    HttpResponse<String> r = get(pathAndQuery);
    if (r.statusCode() != 200) {
      throw new AssertionError("GET " + pathAndQuery + " answered " + r.statusCode() + ": " + r.body());
    }
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + r.body(), e);
    }
  }

  HttpResponse<String> post(String url, String contentType, byte[] body, String... headers) {
    return send(url, contentType, body, HttpResponse.BodyHandlers.ofString(), headers);
  }

  HttpResponse<byte[]> postForBytes(String url, String contentType, byte[] body, String... headers) {
    return send(url, contentType, body, HttpResponse.BodyHandlers.ofByteArray(), headers);
  }

  /** PUT or DELETE (or any method) with a text body, to the API port; {@code headers} as name, value pairs. */
  HttpResponse<String> request(String method, String pathAndQuery, String contentType, String body, String... headers) {
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api() + pathAndQuery)).header("Content-Type", contentType)
          .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
      for (int i = 0; i < headers.length; i += 2) {
        b.header(headers[i], headers[i + 1]);
      }
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private <T> HttpResponse<T> send(String url, String contentType, byte[] body,
      HttpResponse.BodyHandler<T> handler, String... headers) {
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
          .POST(HttpRequest.BodyPublishers.ofByteArray(body));
      for (int i = 0; i < headers.length; i += 2) {
        b.header(headers[i], headers[i + 1]);
      }
      return http.send(b.build(), handler);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** Waits, up to a generous bound, for data to pass the pipeline; never a fixed sleep. */
  static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** Waits until everything durable in the ingest log is stored. */
  void awaitStored() {
    await("the pipeline to store the ingest log", () -> {
      String text = get("/metrics").body();
      return text.contains("sightline_pipeline_lag_entries 0\n");
    });
  }

  @Override
  public void close() {
    server.close();
  }
}
