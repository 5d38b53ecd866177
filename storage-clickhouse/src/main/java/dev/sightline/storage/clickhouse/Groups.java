package dev.sightline.storage.clickhouse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The grouping part of a count or statistics query: dimension columns first, then aggregates. */
final class Groups {
  private Groups() {}

  /**
   * {@code SELECT columns…, aggregates FROM table WHERE … [GROUP BY … ORDER BY …]}; without
   * columns one row, whose aggregates may be of nothing.
   */
  static String select(List<String> columns, String aggregates, String table, Where where) {
    StringBuilder sql = new StringBuilder("SELECT ");
    for (int i = 0; i < columns.size(); i++) {
      sql.append(columns.get(i)).append(" AS g").append(i + 1).append(", ");
    }
    String names = names(columns.size());
    sql.append(aggregates).append(" FROM ").append(table).append(" WHERE ").append(where.sql());
    if (!columns.isEmpty()) {
      sql.append(" GROUP BY ").append(names).append(" ORDER BY ").append(names);
    }
    return sql.toString();
  }

  /** The group columns' names: {@code g1, g2, …}; empty without groups. */
  static String names(int groups) {
    StringBuilder names = new StringBuilder();
    for (int i = 1; i <= groups; i++) {
      names.append(i == 1 ? "" : ", ").append("g").append(i);
    }
    return names.toString();
  }

  /** Reads the group values of one row, labelled. */
  static Map<String, String> read(RowBinaryInput in, List<String> labels) {
    Map<String, String> group = new LinkedHashMap<>();
    for (String label : labels) {
      group.put(label, in.string());
    }
    return group;
  }
}
