package dev.sightline.storage.clickhouse;

import dev.sightline.storage.CountRow;
import dev.sightline.storage.LogCountQuery;
import dev.sightline.storage.LogCountQuery.Dimension;
import dev.sightline.storage.LogCounter;
import java.util.ArrayList;
import java.util.List;

/** Log counts by group over {@code logs}, with the conditions of log search. */
final class ClickHouseLogCounter implements LogCounter {
  /**
   * The severity text, or the short name of the severity number where a logger set only that
   * (1–4 TRACE, 5–8 DEBUG and so on), as the OpenTelemetry log data model defines them.
   */
  static final String SEVERITY = "multiIf(severity_text != '', severity_text, "
      + "severity_number BETWEEN 1 AND 24, "
      + "['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'][intDiv(severity_number - 1, 4) + 1], "
      + "'UNSPECIFIED')";
  private final ClickHouseHttp http;

  ClickHouseLogCounter(ClickHouseHttp http) {
    this.http = http;
  }

  @Override
  public List<CountRow> countLogs(LogCountQuery q) {
    Where where = ClickHouseLogReader.matching(q.tenant(), q.range(), q.service(), q.minSeverityNumber(),
        q.bodyContains(), q.attributes());
    List<Dimension> dimensions = q.groupBy().stream().sorted().toList();
    List<String> columns = dimensions.stream().map(d -> switch (d) {
      case SERVICE -> "service";
      case SEVERITY_TEXT -> SEVERITY;
    }).toList();
    List<String> labels = dimensions.stream().map(Dimension::label).toList();
    RowBinaryInput in = http.query("counting logs", Groups.select(columns, "count()", "logs", where));
    List<CountRow> rows = new ArrayList<>();
    while (in.hasMore()) {
      rows.add(new CountRow(Groups.read(in, labels), in.int64()));
    }
    return rows;
  }
}
