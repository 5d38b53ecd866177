package dev.sightline.storage.duckdb;

import dev.sightline.otlp.AnyValueJson;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.sql.SQLException;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/** Appends log records as rows of the {@code logs} table. */
final class LogRows {
  private final DuckDBAppender appender;
  private final Origins origins;

  LogRows(DuckDBConnection connection, Origins origins) throws SQLException {
    this.appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "logs");
    this.origins = origins;
  }

  int append(String tenant, long seq, List<ResourceLogs> data) throws SQLException {
    int index = 0;
    for (ResourceLogs rl : data) {
      long resourceId = origins.resource(rl.getResource(), rl.getSchemaUrl());
      String service = Origins.serviceName(rl.getResource());
      for (ScopeLogs sl : rl.getScopeLogsList()) {
        long scopeId = origins.scope(sl.getScope(), sl.getSchemaUrl());
        for (LogRecord log : sl.getLogRecordsList()) {
          if (index >= Schema.MAX_ITEMS_PER_ENTRY) {
            throw new SQLException("more than " + Schema.MAX_ITEMS_PER_ENTRY + " log records in one entry");
          }
          long logId = (seq << Schema.LOG_INDEX_BITS) | index++;
          appendLog(tenant, logId, service, resourceId, scopeId, log);
        }
      }
    }
    return index;
  }

  private void appendLog(String tenant, long logId, String service, long resourceId, long scopeId,
      LogRecord log) throws SQLException {
    appender.beginRow();
    appender.append(tenant);
    appender.append(logId);
    appender.append(log.getTimeUnixNano() != 0 ? log.getTimeUnixNano() : log.getObservedTimeUnixNano());
    appender.append(log.getTimeUnixNano());
    appender.append(log.getObservedTimeUnixNano());
    appender.append((byte) log.getSeverityNumberValue());
    appender.append(log.getSeverityText());
    if (log.hasBody() && log.getBody().hasStringValue()) {
      appender.append(log.getBody().getStringValue());
      appender.appendNull();
    } else {
      appender.appendNull();
      if (log.hasBody()) {
        appender.append(AnyValueJson.value(log.getBody()));
      } else {
        appender.appendNull();
      }
    }
    appender.append(log.getTraceId().toByteArray());
    appender.append(log.getSpanId().toByteArray());
    appender.append(log.getFlags());
    appender.append(service);
    appender.append(resourceId);
    appender.append(scopeId);
    appender.append(AnyValueJson.attributes(log.getAttributesList()));
    appender.append(log.getDroppedAttributesCount());
    appender.append(log.getEventName());
    appender.endRow();
  }

  void flush() throws SQLException {
    appender.flush();
  }

  void close() throws SQLException {
    appender.close();
  }
}
