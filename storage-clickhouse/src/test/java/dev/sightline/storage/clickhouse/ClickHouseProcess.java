package dev.sightline.storage.clickhouse;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A {@code clickhouse-server} started as a process for the tests of this JVM: ports from free
 * ephemeral ones, listening on 127.0.0.1, data in a temporary directory, killed and removed when
 * the JVM exits. Tests calling {@link #shared()} are skipped, with the reason, where the binary
 * is not installed ({@code apt-get install clickhouse-server}).
 */
public final class ClickHouseProcess {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static ClickHouseProcess shared;
  private final Path binary;
  private Process process;
  private final Path home;
  private final URI url;

  private ClickHouseProcess(Path binary) throws IOException, InterruptedException {
    this.binary = binary;
    home = Files.createTempDirectory("clickhouse-test");
    int http = freePort();
    int tcp = freePort();
    Files.writeString(home.resolve("users.xml"), """
        <?xml version="1.0"?>
        <yandex>
          <profiles><default></default></profiles>
          <users><default><password></password><networks><ip>127.0.0.1</ip></networks>
            <profile>default</profile><quota>default</quota></default></users>
          <quotas><default></default></quotas>
        </yandex>
        """);
    Files.writeString(home.resolve("config.xml"), """
        <?xml version="1.0"?>
        <yandex>
          <logger><level>warning</level><log>%1$s/server.log</log><errorlog>%1$s/error.log</errorlog></logger>
          <http_port>%2$d</http_port>
          <tcp_port>%3$d</tcp_port>
          <listen_host>127.0.0.1</listen_host>
          <path>%1$s/data/</path>
          <tmp_path>%1$s/tmp/</tmp_path>
          <user_files_path>%1$s/user_files/</user_files_path>
          <format_schema_path>%1$s/format_schemas/</format_schema_path>
          <users_config>%1$s/users.xml</users_config>
          <default_profile>default</default_profile>
          <default_database>default</default_database>
          <mark_cache_size>268435456</mark_cache_size>
        </yandex>
        """.formatted(home, http, tcp));
    url = URI.create("http://127.0.0.1:" + http);
    Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "clickhouse-test-stop"));
    process = launch();
    awaitPing();
  }

  private Process launch() throws IOException {
    return new ProcessBuilder(binary.toString(), "--config-file=" + home.resolve("config.xml"))
        .directory(home.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("console.log").toFile())).start();
  }

  /**
   * A server of the calling test's own, which it may kill and start again (its data is kept);
   * removed when the JVM exits. Skips the test when ClickHouse is absent.
   */
  public static ClickHouseProcess startOwn() {
    Optional<Path> binary = binary();
    assumeTrue(binary.isPresent(),
        "clickhouse-server is not installed (on PATH or /usr/bin): apt-get install clickhouse-server");
    try {
      return new ClickHouseProcess(binary.get());
    } catch (IOException e) {
      throw new UncheckedIOException("starting clickhouse-server", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting clickhouse-server", e);
    }
  }

  /** SIGKILL: the server is gone at once, as in a crash; its data stays for {@link #restart()}. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  /** Starts the server again on the same ports and data, and waits until it answers. */
  public void restart() throws IOException, InterruptedException {
    process = launch();
    awaitPing();
  }

  /** The server of this JVM, started on first use; skips the calling test when ClickHouse is absent. */
  public static synchronized ClickHouseProcess shared() {
    Optional<Path> binary = binary();
    assumeTrue(binary.isPresent(),
        "clickhouse-server is not installed (on PATH or /usr/bin): apt-get install clickhouse-server");
    if (shared == null) {
      try {
        shared = new ClickHouseProcess(binary.get());
      } catch (IOException e) {
        throw new UncheckedIOException("starting clickhouse-server", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting clickhouse-server", e);
      }
    }
    return shared;
  }

  public URI url() {
    return url;
  }

  /** A fresh configuration for a database named after {@code key}, the same for the same key. */
  public ClickHouseConfig config(Object key) {
    return ClickHouseConfig.of(url, "test_" + Integer.toHexString(key.hashCode()));
  }

  static Optional<Path> binary() {
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.concat(Stream.of(path.split(java.io.File.pathSeparator)), Stream.of("/usr/bin", "/usr/sbin"))
        .filter(dir -> !dir.isEmpty())
        .map(dir -> Path.of(dir, "clickhouse-server"))
        .filter(Files::isExecutable).findFirst();
  }

  private void awaitPing() throws IOException, InterruptedException {
    HttpClient client = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("clickhouse-server exited with " + process.exitValue()
            + "; see " + home.resolve("console.log") + " and " + home.resolve("error.log"));
      }
      try {
        HttpResponse<String> ping = client.send(HttpRequest.newBuilder(url.resolve("/ping")).build(),
            HttpResponse.BodyHandlers.ofString());
        if (ping.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    stop();
    throw new IllegalStateException("clickhouse-server did not answer /ping within " + START_TIMEOUT);
  }

  private void stop() {
    process.destroyForcibly();
    try {
      // bounded: surefire gives the forked JVM 30 s to exit after the tests
      process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
      try (Stream<Path> files = Files.walk(home)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    } catch (IOException | InterruptedException e) {
      // the JVM is exiting; a temporary directory left behind is harmless
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
