package dev.sightline.metadata;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** One kind's table in either database, through plain SQL both accept. */
final class JdbcTable<T extends Versioned<T>> implements MetadataTable<T> {
  private final Database db;
  private final TableSpec<T> spec;
  private final String select;

  JdbcTable(Database db, TableSpec<T> spec) {
    this.db = db;
    this.spec = spec;
    this.select = "SELECT " + String.join(", ", spec.columns()) + ", version FROM " + spec.table();
  }

  @Override
  public String kind() {
    return spec.table();
  }

  @Override
  public List<T> list() {
    return db.read("list " + kind(), this::list);
  }

  private List<T> list(Connection c) throws SQLException {
    List<T> out = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(select + " ORDER BY " + String.join(", ", spec.keys()));
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        out.add(spec.reader().read(r, r.getLong(spec.columns().size() + 1)));
      }
    }
    return out;
  }

  @Override
  public T insert(T row) {
    return db.write("store in " + kind(), c -> {
      if (version(c, key(row)).isPresent()) {
        throw new IllegalStateException(kind() + ": " + String.join("/", key(row)) + " exists already");
      }
      return insert(c, row, 1);
    });
  }

  @Override
  public T update(T row) {
    return db.write("change in " + kind(), c -> {
      long now = version(c, key(row)).orElseThrow(() -> new NoSuchElementException(
          kind() + ": no " + String.join("/", key(row))));
      if (now != row.version()) {
        throw new ConcurrentChangeException(kind() + ": " + String.join("/", key(row)) + " is at version " + now
            + ", not " + row.version() + " any more; read it again");
      }
      return update(c, row, now + 1);
    });
  }

  @Override
  public T put(T row) {
    return db.write("store in " + kind(), c -> {
      OptionalLong now = version(c, key(row));
      return now.isPresent() ? update(c, row, now.getAsLong() + 1) : insert(c, row, 1);
    });
  }

  @Override
  public boolean delete(String... key) {
    return db.write("delete from " + kind(), c -> {
      try (PreparedStatement s = c.prepareStatement("DELETE FROM " + spec.table() + " WHERE " + spec.keyCondition())) {
        bind(s, 1, Arrays.asList((Object[]) key));
        if (s.executeUpdate() == 0) {
          return false;
        }
      }
      bump(c);
      return true;
    });
  }

  @Override
  public void replaceFromConfig(List<T> rows) {
    if (!spec.hasSource()) {
      throw new UnsupportedOperationException(kind() + " has no source column");
    }
    db.write("store the configuration's " + kind(), c -> {
      int source = spec.columns().indexOf("source");
      Set<List<@Nullable Object>> now = list(c).stream().map(spec.values()).filter(v -> "config".equals(v.get(source)))
          .collect(Collectors.toSet());
      if (now.equals(rows.stream().map(spec.values()).collect(Collectors.toSet()))) {
        return null; // nothing changed: the kind's revision stays, so no node reads it again
      }
      try (PreparedStatement s = c.prepareStatement("DELETE FROM " + spec.table() + " WHERE source = 'config'")) {
        s.executeUpdate();
      }
      for (T row : rows) {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM " + spec.table() + " WHERE " + spec.keyCondition())) {
          bind(s, 1, List.copyOf(key(row)));
          s.executeUpdate();
        }
        insert(c, row, 1);
      }
      return null;
    });
  }

  @Override
  public long revision() {
    return db.read("read the revision of " + kind(), c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT revision FROM metadata_revisions WHERE kind = ?")) {
        s.setString(1, kind());
        try (ResultSet r = s.executeQuery()) {
          return r.next() ? r.getLong(1) : 0L;
        }
      }
    });
  }

  private List<String> key(T row) {
    return spec.values().apply(row).subList(0, spec.keyColumns()).stream().map(String::valueOf).toList();
  }

  private OptionalLong version(Connection c, List<String> key) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT version FROM " + spec.table() + " WHERE " + spec.keyCondition())) {
      bind(s, 1, List.copyOf(key));
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? OptionalLong.of(r.getLong(1)) : OptionalLong.empty();
      }
    }
  }

  private T insert(Connection c, T row, long version) throws SQLException {
    String marks = String.join(", ", spec.columns().stream().map(x -> "?").toList());
    try (PreparedStatement s = c.prepareStatement("INSERT INTO " + spec.table() + " (" + String.join(", ", spec.columns())
        + ", version) VALUES (" + marks + ", ?)")) {
      int next = bind(s, 1, spec.values().apply(row));
      s.setLong(next, version);
      s.executeUpdate();
    }
    bump(c);
    return row.withVersion(version);
  }

  private T update(Connection c, T row, long version) throws SQLException {
    List<@Nullable Object> values = spec.values().apply(row);
    String set = String.join(", ", spec.others().stream().map(x -> x + " = ?").toList());
    try (PreparedStatement s = c.prepareStatement("UPDATE " + spec.table() + " SET " + set + ", version = ? WHERE "
        + spec.keyCondition())) {
      int next = bind(s, 1, values.subList(spec.keyColumns(), values.size()));
      s.setLong(next, version);
      bind(s, next + 1, values.subList(0, spec.keyColumns()));
      s.executeUpdate();
    }
    bump(c);
    return row.withVersion(version);
  }

  private void bump(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE metadata_revisions SET revision = revision + 1 WHERE kind = ?")) {
      s.setString(1, kind());
      s.executeUpdate();
    }
  }

  private static int bind(PreparedStatement s, int first, List<@Nullable Object> values) throws SQLException {
    int i = first;
    for (Object v : values) {
      switch (v) {
        case null -> s.setNull(i, Types.VARCHAR);
        case Long l -> s.setLong(i, l);
        default -> s.setString(i, v.toString());
      }
      i++;
    }
    return i;
  }
}
