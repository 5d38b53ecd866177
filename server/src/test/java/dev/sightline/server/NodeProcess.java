package dev.sightline.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A Sightline server in a process of its own (the test classpath), on fixed free ports, so it can be killed. */
final class NodeProcess implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  final int httpPort;
  final int otlpHttpPort;
  private final Path dir;
  private final List<String> flags;
  private Process process;

  NodeProcess(Path dir, String... flags) throws IOException {
    this.dir = Files.createDirectories(dir);
    this.flags = List.of(flags);
    this.httpPort = freePort();
    this.otlpHttpPort = freePort();
    this.process = launch();
  }

  private Process launch() throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx512m",
        "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "--data.dir=" + dir.resolve("data"), "--listen.address=127.0.0.1", "--otlp.grpc.port=0",
        "--otlp.http.port=" + otlpHttpPort, "--http.port=" + httpPort, "--storage.memory.limit=256MB",
        "--self.metrics.interval=0"));
    command.addAll(flags);
    return new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server.out").toFile())).start();
  }

  void awaitReady() throws IOException {
    try {
      TestServer.await("the node in " + dir + " to be ready", () -> get("/ready").statusCode() == 200);
    } catch (AssertionError e) {
      List<String> out = Files.readAllLines(dir.resolve("server.out"));
      throw new AssertionError(e.getMessage() + "; its output ends with:\n"
          + String.join("\n", out.subList(Math.max(0, out.size() - 30), out.size())), e);
    }
  }

  /** SIGKILL: no shutdown hook, nothing flushed or committed. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  void restart() throws IOException {
    process = launch();
  }

  HttpResponse<String> get(String path) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return new Unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  JsonNode getJson(String path) {
    HttpResponse<String> r = get(path);
    try {
      return TestServer.JSON.readTree(r.body());
    } catch (IOException e) {
      throw new AssertionError(path + " answered " + r.statusCode() + ": " + r.body(), e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** What {@link #get} answers while the process is down: status 0. */
  private record Unreachable(IOException cause) implements HttpResponse<String> {
    @Override public int statusCode() { return 0; }
    @Override public HttpRequest request() { throw new UnsupportedOperationException(); }
    @Override public java.util.Optional<HttpResponse<String>> previousResponse() { return java.util.Optional.empty(); }
    @Override public java.net.http.HttpHeaders headers() { return java.net.http.HttpHeaders.of(java.util.Map.of(), (a, b) -> true); }
    @Override public String body() { return cause.toString(); }
    @Override public java.util.Optional<javax.net.ssl.SSLSession> sslSession() { return java.util.Optional.empty(); }
    @Override public URI uri() { throw new UnsupportedOperationException(); }
    @Override public HttpClient.Version version() { return HttpClient.Version.HTTP_1_1; }
  }
}
