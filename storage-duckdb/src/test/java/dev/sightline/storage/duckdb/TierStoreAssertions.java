package dev.sightline.storage.duckdb;

/** Counts in the hot tables, read directly, for tests of the tiers. */
final class TierStoreAssertions {
  private TierStoreAssertions() {}

  static long rows(DuckDbStorage store, String table) {
    return store.readersForTest(c -> {
      try (var s = c.createStatement(); var rs = s.executeQuery("SELECT count(*) FROM " + table)) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  static long hotRows(DuckDbStorage store) {
    return rows(store, "spans") + rows(store, "logs") + rows(store, "points") + rows(store, "chunks");
  }
}
