package dev.sightline.storage.clickhouse;

import java.util.ArrayList;
import java.util.List;

/** A conjunction of conditions whose values are already literals ({@link Sql}). */
final class Where {
  private final List<String> conditions = new ArrayList<>();

  Where and(String condition) {
    conditions.add(condition);
    return this;
  }

  String sql() {
    return conditions.isEmpty() ? "1" : String.join(" AND ", conditions);
  }
}
