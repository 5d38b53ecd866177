package dev.sightline.metadata;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A PostgreSQL server that several nodes share. A few idle connections are kept for reuse; one that
 * failed is closed, so a restarted server is reached again by the next use. While one node
 * migrates, the others wait on a session advisory lock.
 */
final class PostgresDatabase extends Database {
  /** The advisory lock of Sightline's metadata migrations ("SLMETA" in ASCII). */
  static final long MIGRATION_LOCK = 0x534C4D455441L;
  private static final int IDLE = 4;
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(15);
  private final String url;
  private final Properties properties = new Properties();
  private final BlockingQueue<Connection> idle = new ArrayBlockingQueue<>(IDLE);

  PostgresDatabase(String url, String user, String password) {
    if (!url.startsWith("jdbc:postgresql://")) {
      throw new IllegalArgumentException("metadata.postgresql.url: '" + url + "' is not jdbc:postgresql://host[:port]/database");
    }
    this.url = url;
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    // Short, so that an unreachable server answers a change with 503 in seconds rather than
    // holding the request; start-up retries until metadata.start.timeout.
    properties.setProperty("connectTimeout", Long.toString(CONNECT_TIMEOUT.toSeconds()));
    properties.setProperty("loginTimeout", Long.toString(CONNECT_TIMEOUT.toSeconds()));
    properties.setProperty("socketTimeout", Long.toString(QUERY_TIMEOUT.toSeconds()));
    properties.setProperty("ApplicationName", "sightline");
  }

  @Override
  String description() {
    int query = url.indexOf('?');
    return "PostgreSQL at " + (query < 0 ? url : url.substring(0, query));
  }

  /** An idle connection that still answers (the server may have restarted since), else a new one. */
  @Override
  Connection connect() throws SQLException {
    for (Connection c = idle.poll(); c != null; c = idle.poll()) {
      if (c.isValid((int) CONNECT_TIMEOUT.toSeconds())) {
        return c;
      }
      release(c, true);
    }
    return DriverManager.getConnection(url, properties);
  }

  @Override
  void release(Connection connection, boolean broken) {
    if (broken || !idle.offer(connection)) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // it is gone either way
      }
    }
  }

  @Override
  <R> R migrating(Work<R> work) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, properties)) {
      lock(c, "SELECT pg_advisory_lock(?)");
      try {
        return work.run(c);
      } finally {
        lock(c, "SELECT pg_advisory_unlock(?)");
      }
    }
  }

  private static void lock(Connection c, String sql) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, MIGRATION_LOCK);
      s.execute();
    }
  }

  @Override
  public void close() {
    Connection c;
    while ((c = idle.poll()) != null) {
      release(c, true);
    }
  }
}
