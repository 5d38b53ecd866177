package dev.sightline.storage.duckdb;

import java.sql.SQLException;

/** Lets appender calls that throw {@link SQLException} run inside lambdas. */
final class Rows {
  private Rows() {}

  interface SqlAction {
    void run() throws SQLException;
  }

  /** Thrown through lambdas and unwrapped by the writer. */
  static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Failure(SQLException cause) {
      super(cause);
    }

    SQLException sqlCause() {
      return (SQLException) getCause();
    }
  }

  static void unchecked(SqlAction action) {
    try {
      action.run();
    } catch (SQLException e) {
      throw new Failure(e);
    }
  }
}
