package dev.sightline.storage.duckdb;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Writing tier files with DuckDB's Parquet writer, and checking what was written. */
final class ParquetFiles {
  /** Rows per row group: small enough that statistics prune a trace lookup to a few groups. */
  static final int ROW_GROUP = 50_000;

  private ParquetFiles() {}

  /** What a written file holds, read back from the file itself. */
  record Written(long rows, long minNs, long maxNs, long bytes, byte @Nullable [] traceFilter) {}

  static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  /** Writes the rows of {@code select} ZSTD-compressed, sorted by the table's order, and forces them to disk. */
  static Written write(Connection c, TieredTable table, String select, Path file, ParquetKey key)
      throws SQLException, IOException {
    Files.createDirectories(file.getParent());
    try (Statement s = c.createStatement()) {
      s.execute("COPY (" + select + " ORDER BY " + table.order + ") TO " + literal(file.toString())
          + " (FORMAT PARQUET, COMPRESSION ZSTD, ROW_GROUP_SIZE " + ROW_GROUP + key.copyOption() + ")");
    }
    force(file);
    return inspect(c, table, file, key);
  }

  static Written inspect(Connection c, TieredTable table, Path file, ParquetKey key) throws SQLException, IOException {
    String source = "read_parquet(" + literal(file.toString()) + key.readOption() + ")";
    long rows;
    long min;
    long max;
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*), min(" + table.minNs + "), max(" + table.maxNs + ") FROM " + source)) {
      rs.next();
      rows = rs.getLong(1);
      min = rs.getLong(2);
      max = rs.getLong(3);
    }
    byte[] filter = null;
    if (table == TieredTable.SPANS) {
      List<byte[]> ids = new ArrayList<>();
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT DISTINCT trace_id FROM " + source)) {
        while (rs.next()) {
          ids.add(rs.getBytes(1));
        }
      }
      filter = TraceIdFilter.of(ids);
    }
    return new Written(rows, min, max, Files.size(file), filter);
  }

  static void force(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // not every file system lets a directory be forced; the file itself is
    }
  }
}
