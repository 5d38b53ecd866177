package dev.sightline.server.api;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sightline.otlp.AnyValueJson;
import dev.sightline.otlp.Ids;
import dev.sightline.storage.StoredSeries;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/** Writes a series: labels, metric metadata and its points in a shape per metric type. */
final class SeriesJson {
  private SeriesJson() {}

  static void write(JsonGenerator g, StoredSeries series, Masking masking) throws IOException {
    Metric m = series.metric();
    g.writeStartObject();
    g.writeObjectFieldStart("labels");
    for (var e : new TreeMap<>(series.labels()).entrySet()) {
      g.writeStringField(e.getKey(), masking.labelValue(e.getKey(), e.getValue()));
    }
    g.writeEndObject();
    g.writeStringField("name", m.getName());
    g.writeStringField("description", m.getDescription());
    g.writeStringField("unit", m.getUnit());
    g.writeStringField("type", m.getDataCase().name().toLowerCase(Locale.ROOT));
    switch (m.getDataCase()) {
      case SUM -> {
        g.writeStringField("temporality", temporality(m.getSum().getAggregationTemporalityValue()));
        g.writeBooleanField("monotonic", m.getSum().getIsMonotonic());
      }
      case HISTOGRAM -> g.writeStringField("temporality", temporality(m.getHistogram().getAggregationTemporalityValue()));
      case EXPONENTIAL_HISTOGRAM -> g.writeStringField("temporality",
          temporality(m.getExponentialHistogram().getAggregationTemporalityValue()));
      default -> { }
    }
    g.writeArrayFieldStart("points");
    switch (m.getDataCase()) {
      case GAUGE -> { for (NumberDataPoint p : m.getGauge().getDataPointsList()) number(g, p); }
      case SUM -> { for (NumberDataPoint p : m.getSum().getDataPointsList()) number(g, p); }
      case HISTOGRAM -> { for (HistogramDataPoint p : m.getHistogram().getDataPointsList()) histogram(g, p); }
      case EXPONENTIAL_HISTOGRAM -> {
        for (ExponentialHistogramDataPoint p : m.getExponentialHistogram().getDataPointsList()) exponential(g, p);
      }
      case SUMMARY -> { for (SummaryDataPoint p : m.getSummary().getDataPointsList()) summary(g, p); }
      case DATA_NOT_SET -> { }
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static String temporality(int value) {
    return switch (value) {
      case 1 -> "delta";
      case 2 -> "cumulative";
      default -> "unspecified";
    };
  }

  private static void common(JsonGenerator g, List<KeyValue> attributes, long start, long time, int flags)
      throws IOException {
    g.writeStartObject();
    SpanJson.nanos(g, "startTimeUnixNano", start);
    SpanJson.nanos(g, "timeUnixNano", time);
    g.writeFieldName("attributes");
    AnyValueJson.writeKeyValues(g, attributes);
    g.writeNumberField("flags", flags);
  }

  private static void number(JsonGenerator g, NumberDataPoint p) throws IOException {
    common(g, p.getAttributesList(), p.getStartTimeUnixNano(), p.getTimeUnixNano(), p.getFlags());
    g.writeFieldName("value");
    switch (p.getValueCase()) {
      case AS_INT -> g.writeNumber(p.getAsInt());
      case AS_DOUBLE -> number(g, p.getAsDouble());
      default -> g.writeNull();
    }
    exemplars(g, p.getExemplarsList());
    g.writeEndObject();
  }

  private static void histogram(JsonGenerator g, HistogramDataPoint p) throws IOException {
    common(g, p.getAttributesList(), p.getStartTimeUnixNano(), p.getTimeUnixNano(), p.getFlags());
    g.writeNumberField("count", p.getCount());
    optional(g, "sum", p.hasSum(), p.getSum());
    optional(g, "min", p.hasMin(), p.getMin());
    optional(g, "max", p.hasMax(), p.getMax());
    g.writeArrayFieldStart("explicitBounds");
    for (double b : p.getExplicitBoundsList()) number(g, b);
    g.writeEndArray();
    g.writeArrayFieldStart("bucketCounts");
    for (long c : p.getBucketCountsList()) g.writeNumber(c);
    g.writeEndArray();
    exemplars(g, p.getExemplarsList());
    g.writeEndObject();
  }

  private static void exponential(JsonGenerator g, ExponentialHistogramDataPoint p) throws IOException {
    common(g, p.getAttributesList(), p.getStartTimeUnixNano(), p.getTimeUnixNano(), p.getFlags());
    g.writeNumberField("count", p.getCount());
    optional(g, "sum", p.hasSum(), p.getSum());
    optional(g, "min", p.hasMin(), p.getMin());
    optional(g, "max", p.hasMax(), p.getMax());
    g.writeNumberField("scale", p.getScale());
    g.writeNumberField("zeroCount", p.getZeroCount());
    g.writeFieldName("zeroThreshold");
    number(g, p.getZeroThreshold());
    buckets(g, "positive", p.getPositive());
    buckets(g, "negative", p.getNegative());
    exemplars(g, p.getExemplarsList());
    g.writeEndObject();
  }

  private static void buckets(JsonGenerator g, String name, ExponentialHistogramDataPoint.Buckets b) throws IOException {
    g.writeObjectFieldStart(name);
    g.writeNumberField("offset", b.getOffset());
    g.writeArrayFieldStart("bucketCounts");
    for (long c : b.getBucketCountsList()) g.writeNumber(c);
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void summary(JsonGenerator g, SummaryDataPoint p) throws IOException {
    common(g, p.getAttributesList(), p.getStartTimeUnixNano(), p.getTimeUnixNano(), p.getFlags());
    g.writeNumberField("count", p.getCount());
    g.writeFieldName("sum");
    number(g, p.getSum());
    g.writeArrayFieldStart("quantileValues");
    for (SummaryDataPoint.ValueAtQuantile q : p.getQuantileValuesList()) {
      g.writeStartObject();
      g.writeFieldName("quantile");
      number(g, q.getQuantile());
      g.writeFieldName("value");
      number(g, q.getValue());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void exemplars(JsonGenerator g, List<Exemplar> exemplars) throws IOException {
    g.writeArrayFieldStart("exemplars");
    for (Exemplar e : exemplars) {
      g.writeStartObject();
      SpanJson.nanos(g, "timeUnixNano", e.getTimeUnixNano());
      g.writeFieldName("value");
      if (e.hasAsInt()) g.writeNumber(e.getAsInt()); else number(g, e.getAsDouble());
      g.writeStringField("traceId", Ids.toHex(e.getTraceId()));
      g.writeStringField("spanId", Ids.toHex(e.getSpanId()));
      g.writeFieldName("filteredAttributes");
      AnyValueJson.writeKeyValues(g, e.getFilteredAttributesList());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void optional(JsonGenerator g, String name, boolean present, double v) throws IOException {
    if (present) {
      g.writeFieldName(name);
      number(g, v);
    }
  }

  /** JSON has no NaN or infinities: those are written as strings, as Prometheus does. */
  private static void number(JsonGenerator g, double v) throws IOException {
    if (Double.isFinite(v)) g.writeNumber(v); else g.writeString(Double.toString(v));
  }
}
