package dev.sightline.storage.clickhouse;

import com.google.protobuf.ByteString;
import dev.sightline.storage.LogPartitions;
import dev.sightline.storage.PartitionClaims;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly once across workers sharing the database (docs/adr/0015): the {@code sources} table
 * says from which partition and offset of the Kafka log a writer's rows came: per sequence and
 * signal for log records and points, per sequence and trace for spans (a tail sampler stores a
 * trace later, in the entry of another record, so its spans are attributed to the first record of
 * the trace; entries of several signals may share a sequence). A writer inserts a batch's sources
 * before its rows, so that even the rows of a batch cut short are found; a worker taking over a
 * partition deletes every writer's rows from the committed offset on, which it then reads and
 * stores again. Sources live {@link #KEEP_DAYS} days (longer than Kafka keeps records by default),
 * by dropping day partitions.
 */
final class PartitionSources implements PartitionClaims {
  static final String TABLE = "sources";
  static final String DDL = "CREATE TABLE IF NOT EXISTS sources (day Date, writer String, seq UInt64, "
      + "signal String, trace_id FixedString(16), src String, src_offset UInt64) "
      + "ENGINE = MergeTree PARTITION BY day ORDER BY (src, src_offset)";
  static final int KEEP_DAYS = 14;
  /** Tuples per deletion: keeps each statement well below the server's max_query_size (256 KiB by default). */
  static final int TUPLES_PER_DELETE = 1_000;
  private static final List<String> TRACE_TABLES = List.of("spans", "trace_index");
  private static final ByteString NO_TRACE = ByteString.copyFrom(new byte[16]);
  /** The table of each signal's rows other than spans: entries of several signals may share a sequence. */
  private static final Map<String, String> TABLE_OF = Map.of("logs", "logs", "metrics", "points");
  private static final Logger log = LoggerFactory.getLogger(PartitionSources.class);
  private final ClickHouseHttp http;
  private final Mutations mutations;
  private final Clock clock;
  private final PartitionRetention retention;

  /**
   * Where rows were read from: the log records or points of the entry at a sequence ({@code
   * signal} logs or metrics), or the spans of one trace at it (traces, with the trace id).
   */
  record Source(long sequence, String signal, @Nullable ByteString traceId, LogPartitions.Position position) {}

  PartitionSources(ClickHouseHttp http, String database, Clock clock) {
    this.http = http;
    this.mutations = new Mutations(http, database);
    this.clock = clock;
    this.retention = new PartitionRetention(http, database, List.of(TABLE), KEEP_DAYS, clock);
  }

  /** Inserts where the rows of these sequences were read, before the rows are stored. */
  void record(String writer, List<Source> sources) {
    if (sources.isEmpty()) {
      return;
    }
    long nowNanos = clock.millis() * 1_000_000L;
    RowBinaryOutput rows = new RowBinaryOutput();
    for (Source s : sources) {
      rows.day(nowNanos);
      rows.string(writer);
      rows.int64(s.sequence());
      rows.string(s.signal());
      rows.fixed(s.traceId() == null ? NO_TRACE : s.traceId(), 16);
      rows.string(s.position().partition());
      rows.int64(s.position().offset());
      rows.endRow();
    }
    http.insert(TABLE, "day, writer, seq, signal, trace_id, src, src_offset", rows.toByteArray());
    retention.runIfDue();
  }

  @Override
  public void claim(String partition, long fromOffset) {
    RowBinaryInput in = http.query("finding what was stored of " + partition,
        "SELECT DISTINCT writer, seq, signal, trace_id FROM " + TABLE + " WHERE src = " + Sql.text(partition)
            + " AND src_offset >= " + fromOffset);
    Map<String, List<String>> entries = new TreeMap<>();
    List<String> traces = new ArrayList<>();
    while (in.hasMore()) {
      String writerAndSequence = Sql.text(in.string()) + ", " + in.int64();
      String signal = in.string();
      ByteString trace = in.fixed(16);
      String table = TABLE_OF.get(signal);
      if (table != null) {
        entries.computeIfAbsent(table, t -> new ArrayList<>()).add("(" + writerAndSequence + ")");
      } else {
        traces.add("(" + writerAndSequence + ", " + Sql.traceId(trace) + ")");
      }
    }
    String why = "stored from " + partition + " at offset " + fromOffset + " or later";
    long deleted = 0;
    for (Map.Entry<String, List<String>> e : entries.entrySet()) {
      for (List<String> chunk : chunks(e.getValue())) {
        deleted += mutations.delete(e.getKey(), "(writer, seq) IN (" + String.join(", ", chunk) + ")", why);
      }
    }
    for (List<String> chunk : chunks(traces)) {
      for (String table : TRACE_TABLES) {
        deleted += mutations.delete(table, "(writer, seq, trace_id) IN (" + String.join(", ", chunk) + ")", why);
      }
    }
    if (deleted > 0) {
      log.info("claimed {} from offset {}: deleted {} rows stored beyond the committed offset", partition, fromOffset,
          deleted);
    }
  }

  private static List<List<String>> chunks(List<String> tuples) {
    List<List<String>> out = new ArrayList<>();
    for (int from = 0; from < tuples.size(); from += TUPLES_PER_DELETE) {
      out.add(tuples.subList(from, Math.min(tuples.size(), from + TUPLES_PER_DELETE)));
    }
    return out;
  }
}
