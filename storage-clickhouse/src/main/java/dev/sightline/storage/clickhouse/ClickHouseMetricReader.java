package dev.sightline.storage.clickhouse;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.sightline.storage.LabelMatcher;
import dev.sightline.storage.MetricReader;
import dev.sightline.storage.Scoped;
import dev.sightline.storage.SeriesQuery;
import dev.sightline.storage.StorageException;
import dev.sightline.storage.StoredSeries;
import dev.sightline.storage.TimeRange;
import io.opentelemetry.proto.metrics.v1.Metric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Series queries over {@code points}. Regular expressions run in ClickHouse's {@code match}
 * (RE2), anchored to the whole value as Prometheus does.
 */
final class ClickHouseMetricReader implements MetricReader {
  static final String NAME_LABEL = "__name__";
  private final ClickHouseHttp http;

  ClickHouseMetricReader(ClickHouseHttp http) {
    this.http = http;
  }

  private static Where inRange(String tenant, TimeRange range) {
    return new Where().and("tenant = " + Sql.text(tenant))
        .and("time_ns BETWEEN " + range.startNanos() + " AND " + range.endNanos());
  }

  @Override
  public List<String> metricNames(String tenant, TimeRange range) {
    return http.strings("listing metric names", "SELECT DISTINCT metric_name FROM points WHERE "
        + inRange(tenant, range).sql() + " ORDER BY metric_name");
  }

  @Override
  public List<String> labelNames(String tenant, TimeRange range) {
    List<String> names = new ArrayList<>(http.strings("listing label names",
        "SELECT DISTINCT arrayJoin(label_keys) AS k FROM points WHERE " + inRange(tenant, range).sql()));
    if (!names.isEmpty() || !metricNames(tenant, range).isEmpty()) {
      names.add(NAME_LABEL);
    }
    names.sort(null);
    return names;
  }

  @Override
  public List<String> labelValues(String tenant, String labelName, TimeRange range) {
    if (labelName.equals(NAME_LABEL)) {
      return metricNames(tenant, range);
    }
    return http.strings("listing values of label " + labelName, "SELECT DISTINCT "
        + value(labelName) + " AS v FROM points WHERE " + inRange(tenant, range).sql()
        + " AND has(label_keys, " + Sql.text(labelName) + ") ORDER BY v");
  }

  @Override
  public List<StoredSeries> series(SeriesQuery q) {
    Where where = inRange(q.tenant(), q.range());
    for (LabelMatcher m : q.matchers()) {
      String value = value(m.name());
      String literal = Sql.text(m.value());
      where.and(switch (m.op()) {
        case EQ -> value + " = " + literal;
        case NEQ -> value + " != " + literal;
        case RE -> "match(" + value + ", " + Sql.text("^(?:" + m.value() + ")$") + ")";
        case NRE -> "NOT match(" + value + ", " + Sql.text("^(?:" + m.value() + ")$") + ")";
      });
    }
    RowBinaryInput in = http.query("reading series", "SELECT fingerprint, metric_name, label_keys, "
        + "label_values, time_ns, shell, point, origin FROM points WHERE " + where.sql()
        + " AND fingerprint IN (SELECT fingerprint FROM points WHERE " + where.sql()
        + " GROUP BY fingerprint ORDER BY fingerprint LIMIT " + q.limit() + ") ORDER BY fingerprint, time_ns");
    return assemble(in);
  }

  private static List<StoredSeries> assemble(RowBinaryInput in) {
    List<StoredSeries> out = new ArrayList<>();
    Origins origins = new Origins();
    long current = 0;
    Metric.Builder metric = null;
    Scoped origin = null;
    Map<String, String> labels = Map.of();
    while (in.hasMore()) {
      long fingerprint = in.int64();
      String name = in.string();
      List<String> keys = in.strings();
      List<String> values = in.strings();
      long time = in.int64();
      ByteString shell = in.bytes();
      ByteString point = in.bytes();
      ByteString originBytes = in.bytes();
      if (metric == null || fingerprint != current) {
        if (metric != null) {
          out.add(new StoredSeries(labels, origin, metric.build()));
        }
        current = fingerprint;
        origin = origins.decode(originBytes);
        labels = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
          labels.put(keys.get(i), values.get(i));
        }
        labels.put(NAME_LABEL, name);
        metric = parseShell(shell);
      }
      PointShapes.add(metric, point, time);
    }
    if (metric != null) {
      out.add(new StoredSeries(labels, origin, metric.build()));
    }
    return out;
  }

  private static Metric.Builder parseShell(ByteString shell) {
    try {
      return Metric.parseFrom(shell).toBuilder();
    } catch (InvalidProtocolBufferException e) {
      throw new StorageException("a stored metric description is corrupt: " + e.getMessage(), e);
    }
  }

  /** A label's value in a row; the empty string when the series lacks it, as Prometheus has it. */
  private static String value(String label) {
    return label.equals(NAME_LABEL) ? "metric_name"
        : "label_values[indexOf(label_keys, " + Sql.text(label) + ")]";
  }
}
