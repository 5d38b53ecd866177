package dev.sightline.storage.duckdb;

import dev.sightline.storage.StorageException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.duckdb.DuckDBConnection;

/** A fixed set of read connections: DuckDB connections must not be shared between threads. */
final class ConnectionPool implements AutoCloseable {
  private final BlockingQueue<Connection> idle;

  /** {@code encrypted}: the store is an attached, encrypted catalog that each connection must {@code USE}. */
  ConnectionPool(DuckDBConnection origin, int size, boolean encrypted) throws SQLException {
    idle = new ArrayBlockingQueue<>(size);
    for (int i = 0; i < size; i++) {
      DuckDBConnection c = origin.duplicate();
      if (encrypted) {
        EncryptedDatabase.use(c);
      }
      idle.add(c);
    }
  }

  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  <T> T with(String what, Work<T> work) {
    Connection connection;
    try {
      connection = idle.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException(what + " was interrupted");
    }
    try {
      return work.run(connection);
    } catch (SQLException e) {
      throw new StorageException(what + " failed: " + e.getMessage(), e);
    } finally {
      idle.add(connection);
    }
  }

  @Override
  public void close() {
    for (Connection c : idle) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // closing on shutdown; nothing to recover
      }
    }
  }
}
