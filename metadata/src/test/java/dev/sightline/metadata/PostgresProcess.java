package dev.sightline.metadata;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL (Debian's {@code postgresql}, which .ci/run installs) in a temporary directory
 * on a free port, with password authentication. PostgreSQL refuses to run as root, so as root its
 * programs run as the OS user {@code postgres} (through {@code runuser}) in a directory it owns.
 * It can be stopped and started again on the same port and data.
 */
public final class PostgresProcess implements AutoCloseable {
  public static final String USER = "sightline";
  public static final String PASSWORD = "metadata-test-password";
  private final Path bin;
  private final Path dir;
  private final int port;
  private boolean running;

  private PostgresProcess(Path bin, Path dir, int port) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
  }

  /** Where PostgreSQL's programs are installed (15 preferred), empty when they are not. */
  private static Optional<Path> bin() {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("postgres")))
          .max(Comparator.comparing((Path b) -> b.getParent().getFileName().toString().equals("15"))
              .thenComparing(Path::toString));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** A started PostgreSQL; skips the calling test, saying why, when PostgreSQL is not installed. */
  public static PostgresProcess startOrSkip() throws IOException, InterruptedException {
    Path bin = bin().orElse(null);
    Assumptions.assumeTrue(bin != null, "PostgreSQL is not installed (apt-get install postgresql; .ci/run does)");
    Path dir = Files.createTempDirectory("sightline-postgres");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    PostgresProcess pg = new PostgresProcess(bin, dir, port);
    Files.writeString(dir.resolve("password"), PASSWORD + "\n", StandardCharsets.UTF_8);
    Files.createDirectories(dir.resolve("socket"));
    if (asRoot()) {
      pg.run(List.of("chown", "-R", "postgres:postgres", dir.toString()));
    }
    pg.run(pg.asPostgres(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", USER,
        "--pwfile=" + dir.resolve("password"), "--auth=scram-sha-256", "-E", "UTF8", "--no-sync"));
    pg.start();
    return pg;
  }

  private static boolean asRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private List<String> asPostgres(String... command) {
    List<String> out = new ArrayList<>(asRoot() ? List.of("runuser", "-u", "postgres", "--") : List.of());
    out.addAll(List.of(command));
    return out;
  }

  /** Starts the server on its port and waits until it accepts a login. */
  public void start() throws IOException, InterruptedException {
    run(asPostgres(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l",
        dir.resolve("server.log").toString(), "-w", "-t", "60", "-o",
        "-p " + port + " -k " + dir.resolve("socket") + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"));
    running = true;
  }

  /** Stops the server at once, as a crash or an outage would. */
  public void stop() throws IOException, InterruptedException {
    run(asPostgres(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop"));
    running = false;
  }

  public int port() {
    return port;
  }

  /** A new, empty database; its JDBC URL. */
  public String createDatabase(String name) throws SQLException {
    try (Connection c = DriverManager.getConnection(url("postgres"), USER, PASSWORD); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return url(name);
  }

  public String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  private void run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      String log = Files.exists(dir.resolve("server.log")) ? Files.readString(dir.resolve("server.log")) : "";
      throw new IOException(String.join(" ", command) + " failed: " + output + log);
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    try {
      if (running) {
        stop();
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
