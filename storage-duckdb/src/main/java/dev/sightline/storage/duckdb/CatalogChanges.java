package dev.sightline.storage.duckdb;

import java.sql.Connection;
import java.sql.SQLException;

/** Changes of the tier catalog on a read connection: single statements, or a published transaction. */
final class CatalogChanges {
  private final ConnectionPool pool;
  private final TierCatalog catalog;

  CatalogChanges(ConnectionPool pool, TierCatalog catalog) {
    this.pool = pool;
    this.catalog = catalog;
  }

  interface Change {
    void run(Connection c) throws SQLException;
  }

  /** Runs {@code change} on its own (garbage-list entries, which need no transaction). */
  void change(String what, Change change) {
    pool.with(what, c -> {
      change.run(c);
      return null;
    });
  }

  /** Runs {@code change} in one transaction and publishes the catalog it leaves. */
  void publish(String what, Change change) {
    try {
      pool.with(what, c -> {
        c.setAutoCommit(false);
        try {
          change.run(c);
          catalog.publishing();
          c.commit();
        } catch (SQLException | RuntimeException e) {
          c.rollback();
          throw e;
        } finally {
          c.setAutoCommit(true);
        }
        return null;
      });
    } finally {
      catalog.published();
    }
  }
}
