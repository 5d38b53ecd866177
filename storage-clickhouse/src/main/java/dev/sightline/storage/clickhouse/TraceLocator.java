package dev.sightline.storage.clickhouse;

import com.google.protobuf.ByteString;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Finds where traces lie in {@code spans} from {@code trace_index}: per service, the days and the
 * start range of their spans. The resulting condition lets ClickHouse skip every other partition
 * and, through the (tenant, service, start) key, every other granule: a lookup by id reads a few
 * granules instead of scanning the tenant's spans.
 */
final class TraceLocator {
  private static final long DAY_NANOS = 86_400_000_000_000L;
  private final ClickHouseHttp http;

  TraceLocator(ClickHouseHttp http) {
    this.http = http;
  }

  /** {@code trace_id IN (…)} narrowed to where the traces are; empty when none is known. */
  Optional<String> where(String tenant, List<ByteString> traceIds) {
    String ids = traceIds.stream().map(Sql::traceId).collect(Collectors.joining(", "));
    RowBinaryInput in = http.query("locating traces", "SELECT service, min(start_min), max(start_max) "
        + "FROM trace_index WHERE tenant = " + Sql.text(tenant) + " AND trace_id IN (" + ids + ") "
        + "GROUP BY service");
    List<String> places = new ArrayList<>();
    while (in.hasMore()) {
      String service = in.string();
      long first = in.int64();
      long last = in.int64();
      places.add("(service = " + Sql.text(service) + " AND day BETWEEN " + day(first) + " AND "
          + day(last) + " AND start_ns BETWEEN " + Long.toUnsignedString(first) + " AND "
          + Long.toUnsignedString(last) + ")");
    }
    if (places.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("tenant = " + Sql.text(tenant) + " AND trace_id IN (" + ids + ") AND ("
        + String.join(" OR ", places) + ")");
  }

  private static String day(long nanos) {
    return "'" + LocalDate.ofEpochDay(Long.divideUnsigned(nanos, DAY_NANOS)) + "'";
  }
}
