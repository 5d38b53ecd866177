package dev.sightline.metadata;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * How one kind's records map to its table: the columns (key columns first, {@code version} not
 * among them), a record's values for them (String, Long or null), and a record from a row of those
 * columns followed by the version.
 */
record TableSpec<T extends Versioned<T>>(String table, List<String> columns, int keyColumns,
    Function<T, List<@Nullable Object>> values, RowReader<T> reader) {

  interface RowReader<T> {
    T read(ResultSet row, long version) throws SQLException;
  }

  boolean hasSource() {
    return columns.contains("source");
  }

  List<String> keys() {
    return columns.subList(0, keyColumns);
  }

  List<String> others() {
    return columns.subList(keyColumns, columns.size());
  }

  String keyCondition() {
    return String.join(" AND ", keys().stream().map(k -> k + " = ?").toList());
  }
}
