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
      String column = alias + ".attributes";
      List<Object> values = new ArrayList<>();
      StringBuilder own = new StringBuilder("(");
      // Substring tests on the stored text are necessary conditions and far cheaper than JSON
      // parsing, so they run first; the JSON extraction decides.
      if (literal(f.key()) && literal(f.value())) {
        own.append("contains(").append(column).append(", ?) AND contains(").append(column).append(", ?) AND ");
        values.add("\"" + f.key() + "\":");
        values.add(f.value());
      }
      own.append("json_extract_string(").append(column).append(", ?) = ?)");
      values.add(path);
      values.add(f.value());
      values.add(path);
      values.add(f.value());
      and("(" + own + " OR " + alias + ".resource_id IN "
          + "(SELECT id FROM resources WHERE json_extract_string(attributes, ?) = ?))", values.toArray());
    }
    return this;
  }

  /** True when the text appears in the stored JSON unescaped. */
  private static boolean literal(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\' || c < 0x20) {
        return false;
      }
    }
    return true;
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
