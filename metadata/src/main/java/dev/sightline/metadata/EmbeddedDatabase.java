package dev.sightline.metadata;

import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import org.duckdb.DuckDBConnection;

/**
 * A DuckDB file in the data directory, open in this process only (DuckDB locks the file). Each use
 * gets a connection of its own; changes take turns, since DuckDB refuses concurrent transactions
 * that change the same row (every change raises its kind's revision).
 */
final class EmbeddedDatabase extends Database {
  private final Path file;
  private final DuckDBConnection origin;
  private final ReentrantLock writes = new ReentrantLock();

  EmbeddedDatabase(Path file) {
    this.file = file;
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      origin = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
    } catch (IOException | SQLException e) {
      throw new MetadataUnavailableException("the embedded metadata store " + file + " cannot be opened: " + e.getMessage(), e);
    }
  }

  @Override
  String description() {
    return "embedded, " + file;
  }

  @Override
  Connection connect() throws SQLException {
    return origin.duplicate();
  }

  @Override
  void release(Connection connection, boolean broken) {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // nothing to give back
    }
  }

  @Override
  <R> R write(String what, Work<R> work) {
    writes.lock();
    try {
      return super.write(what, work);
    } finally {
      writes.unlock();
    }
  }

  @Override
  <R> R migrating(Work<R> work) throws SQLException {
    writes.lock();
    try (Connection c = connect()) {
      return work.run(c);
    } finally {
      writes.unlock();
    }
  }

  @Override
  public void close() {
    try {
      origin.close();
    } catch (SQLException ignored) {
      // closing anyway
    }
  }
}
