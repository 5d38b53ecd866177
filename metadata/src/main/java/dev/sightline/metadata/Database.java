package dev.sightline.metadata;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The database under the store: where connections come from, and the one thing DuckDB and
 * PostgreSQL do differently here, keeping other nodes out while migrating. Any failure of the
 * database becomes a {@link MetadataUnavailableException} naming it.
 */
abstract class Database implements AutoCloseable {

  interface Work<R> {
    R run(Connection connection) throws SQLException;
  }

  /** What the messages call this database, e.g. {@code PostgreSQL at jdbc:postgresql://db:5432/sightline}. */
  abstract String description();

  abstract Connection connect() throws SQLException;

  /** Gives a connection back; {@code broken}: it failed, so it is closed instead of reused. */
  abstract void release(Connection connection, boolean broken);

  /** Runs the migrations' work on one connection while no other node may migrate. */
  abstract <R> R migrating(Work<R> work) throws SQLException;

  /** A few statements in autocommit mode. */
  <R> R read(String what, Work<R> work) {
    return run(what, false, work);
  }

  /** Statements in one transaction, committed when the work returns, rolled back when it throws. */
  <R> R write(String what, Work<R> work) {
    return run(what, true, work);
  }

  private <R> R run(String what, boolean transaction, Work<R> work) {
    Connection c;
    try {
      c = connect();
    } catch (SQLException e) {
      throw unavailable(what, e);
    }
    boolean broken = true;
    try {
      R result;
      if (transaction) {
        c.setAutoCommit(false);
        try {
          result = work.run(c);
          c.commit();
        } catch (SQLException | RuntimeException e) {
          rollback(c);
          throw e;
        } finally {
          c.setAutoCommit(true);
        }
      } else {
        result = work.run(c);
      }
      broken = false;
      return result;
    } catch (SQLException e) {
      throw unavailable(what, e);
    } catch (RuntimeException e) {
      broken = false;
      throw e;
    } finally {
      release(c, broken);
    }
  }

  MetadataUnavailableException unavailable(String what, SQLException e) {
    return new MetadataUnavailableException("the metadata store (" + description() + ") failed to " + what + ": "
        + e.getMessage(), e);
  }

  private static void rollback(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // the connection is closed as broken; the database drops the transaction with it
    }
  }

  @Override
  public abstract void close();
}
