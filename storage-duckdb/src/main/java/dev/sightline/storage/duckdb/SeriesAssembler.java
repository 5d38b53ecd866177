package dev.sightline.storage.duckdb;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.sightline.otlp.AnyValueJson;
import dev.sightline.storage.Scoped;
import dev.sightline.storage.StoredSeries;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns point rows ordered by series and time back into OTLP metrics, one per series. */
final class SeriesAssembler {
  static final String COLUMNS = "p.series_id, p.metric_name, p.description, p.unit, p.metadata, "
      + "p.type, p.temporality, p.monotonic, p.attributes, p.start_ns, p.time_ns, p.flags, "
      + "p.value_double, p.value_int, p.count, p.sum, p.min, p.max, p.bounds, p.bucket_counts, "
      + "p.scale, p.zero_count, p.zero_threshold, p.pos_offset, p.pos_counts, p.neg_offset, "
      + "p.neg_counts, p.quantiles, p.quantile_values, p.exemplars";
  private static final int ORIGIN = 31;
  private final int limit;

  SeriesAssembler(int limit) {
    this.limit = limit;
  }

  List<StoredSeries> read(ResultSet rs) throws SQLException {
    List<StoredSeries> out = new ArrayList<>();
    OriginColumns origins = new OriginColumns();
    long current = 0;
    Metric.Builder metric = null;
    Scoped origin = null;
    Map<String, String> labels = Map.of();
    while (rs.next()) {
      long seriesId = rs.getLong(1);
      if (metric == null || seriesId != current) {
        if (metric != null) {
          out.add(new StoredSeries(labels, origin, metric.build()));
        }
        if (out.size() == limit) {
          return out;
        }
        current = seriesId;
        origin = origins.read(rs, ORIGIN);
        List<KeyValue> attributes = AnyValueJson.parseAttributes(rs.getString(9));
        labels = labels(rs.getString(2), origin, attributes);
        metric = newMetric(rs);
      }
      addPoint(metric, rs);
    }
    if (metric != null) {
      out.add(new StoredSeries(labels, origin, metric.build()));
    }
    return out;
  }

  private static Map<String, String> labels(String name, Scoped origin, List<KeyValue> attributes) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (KeyValue kv : origin.resource().getAttributesList()) {
      labels.put(kv.getKey(), text(kv));
    }
    for (KeyValue kv : attributes) {
      labels.put(kv.getKey(), text(kv));
    }
    labels.put(DuckDbMetricReader.NAME_LABEL, name);
    return labels;
  }

  private static String text(KeyValue kv) {
    return kv.getValue().hasStringValue() ? kv.getValue().getStringValue() : AnyValueJson.value(kv.getValue());
  }

  private static Metric.Builder newMetric(ResultSet rs) throws SQLException {
    Metric.Builder m = Metric.newBuilder().setName(rs.getString(2)).setDescription(rs.getString(3))
        .setUnit(rs.getString(4)).addAllMetadata(AnyValueJson.parseAttributes(rs.getString(5)));
    AggregationTemporality temporality = AggregationTemporality.forNumber(rs.getInt(7));
    switch (MetricType.ofCode(rs.getInt(6))) {
      case GAUGE -> m.setGauge(Gauge.newBuilder());
      case SUM -> m.setSum(Sum.newBuilder().setAggregationTemporalityValue(rs.getInt(7))
          .setIsMonotonic(rs.getBoolean(8)));
      case HISTOGRAM -> m.setHistogram(Histogram.newBuilder().setAggregationTemporality(temporality));
      case EXPONENTIAL_HISTOGRAM -> m.setExponentialHistogram(
          ExponentialHistogram.newBuilder().setAggregationTemporality(temporality));
      case SUMMARY -> m.setSummary(Summary.newBuilder());
    }
    return m;
  }

  private static void addPoint(Metric.Builder m, ResultSet rs) throws SQLException {
    List<KeyValue> attributes = AnyValueJson.parseAttributes(rs.getString(9));
    long start = rs.getLong(10);
    long time = rs.getLong(11);
    int flags = rs.getInt(12);
    switch (m.getDataCase()) {
      case GAUGE, SUM -> {
        NumberDataPoint.Builder p = NumberDataPoint.newBuilder().addAllAttributes(attributes)
            .setStartTimeUnixNano(start).setTimeUnixNano(time).setFlags(flags)
            .addAllExemplars(exemplars(rs));
        Object d = rs.getObject(13);
        Object i = rs.getObject(14);
        if (d != null) {
          p.setAsDouble(((Number) d).doubleValue());
        } else if (i != null) {
          p.setAsInt(((Number) i).longValue());
        }
        if (m.hasGauge()) {
          m.getGaugeBuilder().addDataPoints(p);
        } else {
          m.getSumBuilder().addDataPoints(p);
        }
      }
      case HISTOGRAM -> {
        HistogramDataPoint.Builder p = HistogramDataPoint.newBuilder().addAllAttributes(attributes)
            .setStartTimeUnixNano(start).setTimeUnixNano(time).setFlags(flags)
            .setCount(rs.getLong(15)).addAllExplicitBounds(doubles(rs, 19))
            .addAllBucketCounts(longs(rs, 20)).addAllExemplars(exemplars(rs));
        if (rs.getObject(16) != null) p.setSum(rs.getDouble(16));
        if (rs.getObject(17) != null) p.setMin(rs.getDouble(17));
        if (rs.getObject(18) != null) p.setMax(rs.getDouble(18));
        m.getHistogramBuilder().addDataPoints(p);
      }
      case EXPONENTIAL_HISTOGRAM -> {
        ExponentialHistogramDataPoint.Builder p = ExponentialHistogramDataPoint.newBuilder()
            .addAllAttributes(attributes).setStartTimeUnixNano(start).setTimeUnixNano(time)
            .setFlags(flags).setCount(rs.getLong(15)).setScale(rs.getInt(21))
            .setZeroCount(rs.getLong(22)).setZeroThreshold(rs.getDouble(23))
            .setPositive(ExponentialHistogramDataPoint.Buckets.newBuilder()
                .setOffset(rs.getInt(24)).addAllBucketCounts(longs(rs, 25)))
            .setNegative(ExponentialHistogramDataPoint.Buckets.newBuilder()
                .setOffset(rs.getInt(26)).addAllBucketCounts(longs(rs, 27)))
            .addAllExemplars(exemplars(rs));
        if (rs.getObject(16) != null) p.setSum(rs.getDouble(16));
        if (rs.getObject(17) != null) p.setMin(rs.getDouble(17));
        if (rs.getObject(18) != null) p.setMax(rs.getDouble(18));
        m.getExponentialHistogramBuilder().addDataPoints(p);
      }
      case SUMMARY -> {
        SummaryDataPoint.Builder p = SummaryDataPoint.newBuilder().addAllAttributes(attributes)
            .setStartTimeUnixNano(start).setTimeUnixNano(time).setFlags(flags)
            .setCount(rs.getLong(15)).setSum(rs.getDouble(16));
        List<Double> quantiles = doubles(rs, 28);
        List<Double> values = doubles(rs, 29);
        for (int q = 0; q < quantiles.size(); q++) {
          p.addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder()
              .setQuantile(quantiles.get(q)).setValue(values.get(q)));
        }
        m.getSummaryBuilder().addDataPoints(p);
      }
      case DATA_NOT_SET -> throw new SQLException("metric row without a type");
    }
  }

  private static List<Exemplar> exemplars(ResultSet rs) throws SQLException {
    byte[] blob = rs.getBytes(30);
    if (blob == null) {
      return List.of();
    }
    try {
      return NumberDataPoint.parseFrom(blob).getExemplarsList();
    } catch (InvalidProtocolBufferException e) {
      throw new SQLException("stored exemplars are corrupt: " + e.getMessage(), e);
    }
  }

  private static List<Double> doubles(ResultSet rs, int column) throws SQLException {
    java.sql.Array array = rs.getArray(column);
    List<Double> out = new ArrayList<>();
    if (array != null) {
      for (Object o : (Object[]) array.getArray()) {
        out.add(((Number) o).doubleValue());
      }
    }
    return out;
  }

  private static List<Long> longs(ResultSet rs, int column) throws SQLException {
    java.sql.Array array = rs.getArray(column);
    List<Long> out = new ArrayList<>();
    if (array != null) {
      for (Object o : (Object[]) array.getArray()) {
        out.add(((Number) o).longValue());
      }
    }
    return out;
  }
}
