package dev.sightline.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A real Redis (Debian's {@code redis-server}, which .ci/run installs) as a plain process on a free
 * port, without persistence; it can be killed and started again on the same port.
 */
final class RedisProcess implements AutoCloseable {
  private final Path binary;
  private final int port;
  private Process process;

  private RedisProcess(Path binary, int port) {
    this.binary = binary;
    this.port = port;
  }

  /** Where {@code redis-server} is installed, empty when it is not. */
  private static Optional<Path> binary() {
    return List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server").stream().map(Path::of)
        .filter(Files::isExecutable).findFirst();
  }

  /** A started Redis; skips the calling test, saying why, when {@code redis-server} is not installed. */
  static RedisProcess startOrSkip() throws IOException {
    Path binary = binary().orElse(null);
    org.junit.jupiter.api.Assumptions.assumeTrue(binary != null,
        "redis-server is not installed (apt-get install redis-server; .ci/run does)");
    return start(binary);
  }

  static RedisProcess start(Path binary) throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    RedisProcess redis = new RedisProcess(binary, port);
    redis.restart();
    return redis;
  }

  String url() {
    return "redis://127.0.0.1:" + port;
  }

  /** Starts Redis on its port and waits until it answers PING. */
  void restart() throws IOException {
    process = new ProcessBuilder(binary.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
        "--save", "", "--appendonly", "no").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    TestServer.await("redis-server to answer on port " + port, this::answersPing);
  }

  /** Kills Redis at once, as a crash would. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  private boolean answersPing() {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] reply = new byte[7];
      int n = in.read(reply);
      return n > 0 && new String(reply, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null) {
      kill();
    }
  }
}
