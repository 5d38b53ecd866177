package dev.sightline.storage.duckdb;

import dev.sightline.otlp.AnyValueJson;
import dev.sightline.storage.Scoped;
import dev.sightline.storage.StoredDataRewriter;
import dev.sightline.storage.TimeRange;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Rewrites stored spans and log records: reads a time range, hands each item to the edit with its
 * resource and scope, and updates the rows that changed in one transaction, adding resources the
 * edit made. The writer is held off meanwhile, so its resource ids stay in step.
 */
final class DuckDbRewriter implements StoredDataRewriter {
  private final ConnectionPool pool;
  private final DuckDbWriter writer;

  private record Change(long rowid, Resource resource, String resourceSchemaUrl, String attributes,
      byte[] events, LogRecord log) {}

  DuckDbRewriter(ConnectionPool pool, DuckDbWriter writer) {
    this.pool = pool;
    this.writer = writer;
  }

  @Override
  public Report rewriteSpans(String tenant, TimeRange range, int limit, boolean dryRun, UnaryOperator<ResourceSpans> edit) {
    String sql = "SELECT " + DuckDbTraceReader.SPAN_COLUMNS + OriginColumns.SELECT + ", s.rowid, s.start_ns FROM spans s "
        + OriginColumns.join("s") + " WHERE s.tenant = ? AND s.start_ns BETWEEN ? AND ? ORDER BY s.start_ns, s.rowid LIMIT ?";
    List<Change> changes = new ArrayList<>();
    long[] seen = new long[2];
    pool.with("reading spans to rewrite", c -> {
      try (PreparedStatement ps = bind(c.prepareStatement(sql), tenant, range, limit); ResultSet rs = ps.executeQuery()) {
        OriginColumns origins = new OriginColumns();
        while (rs.next()) {
          Scoped o = origins.read(rs, 16);
          ResourceSpans before = ResourceSpans.newBuilder().setResource(o.resource()).setSchemaUrl(o.resourceSchemaUrl())
              .addScopeSpans(ScopeSpans.newBuilder().setScope(o.scope()).setSchemaUrl(o.scopeSchemaUrl())
                  .addSpans(DuckDbTraceReader.span(rs))).build();
          ResourceSpans after = edit.apply(before);
          seen[0]++;
          seen[1] = rs.getLong(27);
          if (!after.equals(before)) {
            Span span = after.getScopeSpans(0).getSpans(0);
            changes.add(new Change(rs.getLong(26), after.getResource(), after.getSchemaUrl(),
                AnyValueJson.attributes(span.getAttributesList()), SpanRows.events(span), null));
          }
        }
      }
      return null;
    });
    if (!dryRun && !changes.isEmpty()) {
      writer.exclusive("rewriting spans", c -> update(c,
          "UPDATE spans SET attributes = ?, service = ?, resource_id = ?, events = ? WHERE rowid = ?", changes, false));
    }
    return new Report(seen[0], changes.size(), seen[0] == limit, seen[1]);
  }

  @Override
  public Report rewriteLogs(String tenant, TimeRange range, int limit, boolean dryRun, UnaryOperator<ResourceLogs> edit) {
    String sql = "SELECT " + DuckDbLogReader.LOG_COLUMNS + OriginColumns.SELECT + ", l.rowid FROM logs l "
        + OriginColumns.join("l") + " WHERE l.tenant = ? AND l.ts BETWEEN ? AND ? ORDER BY l.ts, l.log_id LIMIT ?";
    List<Change> changes = new ArrayList<>();
    long[] seen = new long[2];
    pool.with("reading log records to rewrite", c -> {
      try (PreparedStatement ps = bind(c.prepareStatement(sql), tenant, range, limit); ResultSet rs = ps.executeQuery()) {
        OriginColumns origins = new OriginColumns();
        while (rs.next()) {
          Scoped o = origins.read(rs, 15);
          ResourceLogs before = ResourceLogs.newBuilder().setResource(o.resource()).setSchemaUrl(o.resourceSchemaUrl())
              .addScopeLogs(ScopeLogs.newBuilder().setScope(o.scope()).setSchemaUrl(o.scopeSchemaUrl())
                  .addLogRecords(DuckDbLogReader.record(rs))).build();
          ResourceLogs after = edit.apply(before);
          seen[0]++;
          seen[1] = rs.getLong(2);
          if (!after.equals(before)) {
            LogRecord log = after.getScopeLogs(0).getLogRecords(0);
            changes.add(new Change(rs.getLong(25), after.getResource(), after.getSchemaUrl(),
                AnyValueJson.attributes(log.getAttributesList()), null, log));
          }
        }
      }
      return null;
    });
    if (!dryRun && !changes.isEmpty()) {
      writer.exclusive("rewriting log records", c -> update(c,
          "UPDATE logs SET attributes = ?, service = ?, resource_id = ?, body = ?, body_json = ? WHERE rowid = ?", changes, true));
    }
    return new Report(seen[0], changes.size(), seen[0] == limit, seen[1]);
  }

  private static PreparedStatement bind(PreparedStatement ps, String tenant, TimeRange range, int limit) throws SQLException {
    ps.setString(1, tenant);
    ps.setLong(2, range.startNanos());
    ps.setLong(3, range.endNanos());
    ps.setInt(4, limit);
    return ps;
  }

  private static Void update(Connection c, String sql, List<Change> changes, boolean logs) throws SQLException {
    try (PreparedStatement resource = c.prepareStatement(
            "INSERT INTO resources SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM resources WHERE id = ?)");
        PreparedStatement row = c.prepareStatement(sql)) {
      for (Change ch : changes) {
        long id = Origins.hash('r', ch.resource().toByteArray(), ch.resourceSchemaUrl());
        resource.setLong(1, id);
        resource.setString(2, AnyValueJson.attributes(ch.resource().getAttributesList()));
        resource.setInt(3, ch.resource().getDroppedAttributesCount());
        resource.setString(4, ch.resourceSchemaUrl());
        resource.setLong(5, id);
        resource.executeUpdate();
        row.setString(1, ch.attributes());
        row.setString(2, Origins.serviceName(ch.resource()));
        row.setLong(3, id);
        if (logs) {
          boolean text = ch.log().hasBody() && ch.log().getBody().hasStringValue();
          row.setString(4, text ? ch.log().getBody().getStringValue() : null);
          row.setString(5, !text && ch.log().hasBody() ? AnyValueJson.value(ch.log().getBody()) : null);
          row.setLong(6, ch.rowid());
        } else {
          row.setBytes(4, ch.events());
          row.setLong(5, ch.rowid());
        }
        row.executeUpdate();
      }
    }
    return null;
  }
}
