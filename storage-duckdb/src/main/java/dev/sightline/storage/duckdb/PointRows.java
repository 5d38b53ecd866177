package dev.sightline.storage.duckdb;

import dev.sightline.otlp.AnyValueJson;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/** Appends metric data points of every OTLP type as rows of the {@code points} table. */
final class PointRows {
  private final DuckDBAppender a;
  private final Origins origins;

  PointRows(DuckDBConnection connection, Origins origins) throws SQLException {
    this.a = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "points");
    this.origins = origins;
  }

  /** What every point of one metric shares. */
  private record MetricRow(String tenant, long seq, Metric metric, MetricType type,
      int temporality, boolean monotonic, String service, long resourceId, long scopeId,
      String metadata) {}

  int append(String tenant, long seq, List<ResourceMetrics> data) throws SQLException {
    int rows = 0;
    for (ResourceMetrics rm : data) {
      long resourceId = origins.resource(rm.getResource(), rm.getSchemaUrl());
      String service = Origins.serviceName(rm.getResource());
      for (ScopeMetrics sm : rm.getScopeMetricsList()) {
        long scopeId = origins.scope(sm.getScope(), sm.getSchemaUrl());
        for (Metric m : sm.getMetricsList()) {
          rows += appendMetric(tenant, seq, service, resourceId, scopeId, m);
        }
      }
    }
    return rows;
  }

  private int appendMetric(String tenant, long seq, String service, long resourceId, long scopeId,
      Metric m) throws SQLException {
    MetricType type = MetricType.of(m);
    String metadata = AnyValueJson.attributes(m.getMetadataList());
    switch (type) {
      case GAUGE -> {
        MetricRow row = new MetricRow(tenant, seq, m, type, 0, false, service, resourceId, scopeId, metadata);
        m.getGauge().getDataPointsList().forEach(p -> number(row, p));
        return m.getGauge().getDataPointsCount();
      }
      case SUM -> {
        MetricRow row = new MetricRow(tenant, seq, m, type, m.getSum().getAggregationTemporalityValue(),
            m.getSum().getIsMonotonic(), service, resourceId, scopeId, metadata);
        m.getSum().getDataPointsList().forEach(p -> number(row, p));
        return m.getSum().getDataPointsCount();
      }
      case HISTOGRAM -> {
        MetricRow row = new MetricRow(tenant, seq, m, type,
            m.getHistogram().getAggregationTemporalityValue(), false, service, resourceId, scopeId, metadata);
        m.getHistogram().getDataPointsList().forEach(p -> histogram(row, p));
        return m.getHistogram().getDataPointsCount();
      }
      case EXPONENTIAL_HISTOGRAM -> {
        MetricRow row = new MetricRow(tenant, seq, m, type,
            m.getExponentialHistogram().getAggregationTemporalityValue(), false, service, resourceId,
            scopeId, metadata);
        m.getExponentialHistogram().getDataPointsList().forEach(p -> exponential(row, p));
        return m.getExponentialHistogram().getDataPointsCount();
      }
      case SUMMARY -> {
        MetricRow row = new MetricRow(tenant, seq, m, type, 0, false, service, resourceId, scopeId, metadata);
        m.getSummary().getDataPointsList().forEach(p -> summary(row, p));
        return m.getSummary().getDataPointsCount();
      }
    }
    throw new IllegalStateException("unreachable: " + type);
  }

  private void number(MetricRow row, NumberDataPoint p) {
    Rows.unchecked(() -> {
      begin(row, p.getAttributesList(), p.getStartTimeUnixNano(), p.getTimeUnixNano(), p.getFlags());
      switch (p.getValueCase()) {
        case AS_DOUBLE -> { a.append(p.getAsDouble()); a.appendNull(); }
        case AS_INT -> { a.appendNull(); a.append(p.getAsInt()); }
        default -> { a.appendNull(); a.appendNull(); }
      }
      nulls(4 + 2 + 7 + 2); // count..max, bounds and buckets, exponential, quantiles
      exemplars(p.getExemplarsList());
      a.endRow();
    });
  }

  private void histogram(MetricRow row, HistogramDataPoint p) {
    Rows.unchecked(() -> {
      begin(row, p.getAttributesList(), p.getStartTimeUnixNano(), p.getTimeUnixNano(), p.getFlags());
      nulls(2);
      a.append(p.getCount());
      optional(p.hasSum(), p.getSum());
      optional(p.hasMin(), p.getMin());
      optional(p.hasMax(), p.getMax());
      a.append(p.getExplicitBoundsList().stream().mapToDouble(Double::doubleValue).toArray());
      a.append(p.getBucketCountsList().stream().mapToLong(Long::longValue).toArray());
      nulls(7 + 2);
      exemplars(p.getExemplarsList());
      a.endRow();
    });
  }

  private void exponential(MetricRow row, ExponentialHistogramDataPoint p) {
    Rows.unchecked(() -> {
      begin(row, p.getAttributesList(), p.getStartTimeUnixNano(), p.getTimeUnixNano(), p.getFlags());
      nulls(2);
      a.append(p.getCount());
      optional(p.hasSum(), p.getSum());
      optional(p.hasMin(), p.getMin());
      optional(p.hasMax(), p.getMax());
      nulls(2);
      a.append(p.getScale());
      a.append(p.getZeroCount());
      a.append(p.getZeroThreshold());
      a.append(p.getPositive().getOffset());
      a.append(p.getPositive().getBucketCountsList().stream().mapToLong(Long::longValue).toArray());
      a.append(p.getNegative().getOffset());
      a.append(p.getNegative().getBucketCountsList().stream().mapToLong(Long::longValue).toArray());
      nulls(2);
      exemplars(p.getExemplarsList());
      a.endRow();
    });
  }

  private void summary(MetricRow row, SummaryDataPoint p) {
    Rows.unchecked(() -> {
      begin(row, p.getAttributesList(), p.getStartTimeUnixNano(), p.getTimeUnixNano(), p.getFlags());
      nulls(2);
      a.append(p.getCount());
      a.append(p.getSum());
      nulls(2 + 2 + 7);
      a.append(p.getQuantileValuesList().stream().mapToDouble(q -> q.getQuantile()).toArray());
      a.append(p.getQuantileValuesList().stream().mapToDouble(q -> q.getValue()).toArray());
      a.appendNull();
      a.endRow();
    });
  }

  private void begin(MetricRow row, List<KeyValue> attributes, long start, long time, int flags)
      throws SQLException {
    String attributesJson = AnyValueJson.attributes(attributes);
    a.beginRow();
    a.append(row.tenant());
    a.append(row.seq());
    a.append(seriesId(row, attributesJson));
    a.append(row.metric().getName());
    a.append(row.metric().getDescription());
    a.append(row.metric().getUnit());
    a.append(row.metadata());
    a.append((byte) row.type().code());
    a.append((byte) row.temporality());
    a.append(row.monotonic());
    a.append(row.service());
    a.append(row.resourceId());
    a.append(row.scopeId());
    a.append(attributesJson);
    a.append(start);
    a.append(time);
    a.append(flags);
  }

  private static long seriesId(MetricRow row, String attributesJson) {
    String key = row.tenant() + '\0' + row.metric().getName() + '\0' + row.type() + '\0'
        + row.resourceId() + '\0' + row.scopeId() + '\0' + attributesJson;
    return Origins.hash('m', key.getBytes(StandardCharsets.UTF_8), "");
  }

  private void optional(boolean present, double value) throws SQLException {
    if (present) {
      a.append(value);
    } else {
      a.appendNull();
    }
  }

  private void nulls(int count) throws SQLException {
    for (int i = 0; i < count; i++) {
      a.appendNull();
    }
  }

  private void exemplars(List<Exemplar> exemplars) throws SQLException {
    if (exemplars.isEmpty()) {
      a.appendNull();
    } else {
      a.append(NumberDataPoint.newBuilder().addAllExemplars(exemplars).build().toByteArray());
    }
  }

  void flush() throws SQLException {
    a.flush();
  }

  void close() throws SQLException {
    a.close();
  }
}
