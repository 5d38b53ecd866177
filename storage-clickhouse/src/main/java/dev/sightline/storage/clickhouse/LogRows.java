package dev.sightline.storage.clickhouse;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.sightline.otlp.AnyValueJson;
import dev.sightline.storage.StorageException;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.util.List;

/**
 * Encodes log records as rows of {@code logs}. A record's id is its entry's sequence and its
 * index within the entry, so a replayed entry gives the same ids. {@code body_text} holds the
 * body as text for search; the record is kept without its attributes, which
 * {@link AttributeColumns} holds.
 */
final class LogRows {
  private final String writer;
  private final RowBinaryOutput rows = new RowBinaryOutput();

  LogRows(String writer) {
    this.writer = writer;
  }

  void append(String tenant, long seq, List<ResourceLogs> data) {
    int index = 0;
    for (ResourceLogs rl : data) {
      String service = Services.of(rl.getResource());
      for (ScopeLogs sl : rl.getScopeLogsList()) {
        ByteString origin = Origins.encode(rl.getResource(), rl.getSchemaUrl(), sl.getScope(), sl.getSchemaUrl());
        for (LogRecord log : sl.getLogRecordsList()) {
          if (index >= 1 << Schema.LOG_INDEX_BITS) {
            throw new IllegalArgumentException("entry " + seq + " holds more than "
                + (1 << Schema.LOG_INDEX_BITS) + " log records");
          }
          long logId = (seq << Schema.LOG_INDEX_BITS) | index++;
          row(tenant, seq, logId, service, origin, log, AttributeColumns.of(log.getAttributesList(),
              rl.getResource().getAttributesList()));
        }
      }
    }
  }

  private void row(String tenant, long seq, long logId, String service, ByteString origin,
      LogRecord log, AttributeColumns attributes) {
    long ts = log.getTimeUnixNano() != 0 ? log.getTimeUnixNano() : log.getObservedTimeUnixNano();
    boolean textBody = log.hasBody() && log.getBody().hasStringValue();
    rows.day(ts);
    rows.string(tenant);
    rows.int64(seq);
    rows.string(writer);
    rows.int64(logId);
    rows.int64(ts);
    rows.uint8(log.getSeverityNumberValue());
    rows.string(log.getSeverityText());
    rows.string(service);
    rows.string(textBody ? log.getBody().getStringValue() : log.hasBody() ? AnyValueJson.value(log.getBody()) : "");
    rows.fixed(log.getTraceId(), 16);
    attributes.write(rows);
    rows.bytes(log.toBuilder().clearAttributes().build().toByteString());
    rows.bytes(origin);
    rows.endRow();
  }

  int rows() {
    return rows.rows();
  }

  void flush(ClickHouseHttp http) {
    if (rows.rows() > 0) {
      http.insert("logs", Schema.LOG_COLUMNS, rows.toByteArray());
      rows.reset();
    }
  }

  void clear() {
    rows.reset();
  }

  static LogRecord record(ByteString stored, AttributeColumns attributes) {
    try {
      return LogRecord.parseFrom(stored).toBuilder().addAllAttributes(attributes.own()).build();
    } catch (InvalidProtocolBufferException e) {
      throw new StorageException("a stored log record is corrupt: " + e.getMessage(), e);
    }
  }
}
