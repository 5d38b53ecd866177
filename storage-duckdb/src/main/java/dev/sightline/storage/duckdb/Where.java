package dev.sightline.storage.duckdb;

import dev.sightline.storage.AttributeFilter;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** A conjunction of SQL conditions with their parameters, bound in order. */
final class Where {
  private final List<String> conditions = new ArrayList<>();
  private final List<Object> params = new ArrayList<>();

  Where and(String condition, Object... values) {
    conditions.add(condition);
    params.addAll(List.of(values));
    return this;
  }

  /**
   * Adds "the item's own attribute or its resource's attribute has this value" for each filter.
   *
   * @param alias the table alias holding {@code attributes} and {@code resource_id}
   */
  Where attributes(String alias, List<AttributeFilter> filters) {
    for (AttributeFilter f : filters) {
      String path = jsonPath(f.key());
      and("(json_extract_string(" + alias + ".attributes, ?) = ? OR " + alias + ".resource_id IN "
          + "(SELECT id FROM resources WHERE json_extract_string(attributes, ?) = ?))",
          path, f.value(), path, f.value());
    }
    return this;
  }

  String sql() {
    return conditions.isEmpty() ? "TRUE" : String.join(" AND ", conditions);
  }

  List<Object> params() {
    return params;
  }

  /** Binds this clause's parameters starting at {@code first}; returns the next free index. */
  int bind(PreparedStatement ps, int first) throws SQLException {
    int i = first;
    for (Object p : params) {
      ps.setObject(i++, p);
    }
    return i;
  }

  /** A DuckDB JSON path selecting one top-level key, whatever characters the key holds. */
  static String jsonPath(String key) {
    return "$.\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  static String placeholders(int count) {
    return String.join(", ", java.util.Collections.nCopies(count, "?"));
  }
}
