package dev.sightline.pipeline.processor;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Applies an {@link AttributeEdit} to every attribute list of OTLP data: resources, spans and their
 * events, log records and their bodies, and metric data points. Messages the edit leaves alone
 * are reused, not rebuilt.
 */
public final class OtlpEditor {
  private OtlpEditor() {}

  public static String serviceName(List<KeyValue> resourceAttributes) {
    for (KeyValue kv : resourceAttributes) {
      if (kv.getKey().equals("service.name") && kv.getValue().hasStringValue()) {
        return kv.getValue().getStringValue();
      }
    }
    return "unknown_service";
  }

  private static Resource resource(Resource r, List<KeyValue> edited) {
    return edited == r.getAttributesList() ? r : r.toBuilder().clearAttributes().addAllAttributes(edited).build();
  }

  public static List<ResourceSpans> traces(List<ResourceSpans> data, AttributeEdit edit) {
    List<ResourceSpans> out = new ArrayList<>(data.size());
    for (ResourceSpans rs : data) {
      List<KeyValue> ra = edit.attributes(AttributeSite.RESOURCE, serviceName(rs.getResource().getAttributesList()), rs.getResource().getAttributesList());
      String service = serviceName(ra);
      ResourceSpans.Builder b = ra == rs.getResource().getAttributesList() ? null : rs.toBuilder().setResource(resource(rs.getResource(), ra));
      for (int i = 0; i < rs.getScopeSpansCount(); i++) {
        ScopeSpans ss = rs.getScopeSpans(i);
        for (int j = 0; j < ss.getSpansCount(); j++) {
          Span span = ss.getSpans(j);
          Span edited = span(span, service, edit);
          if (edited != span) {
            b = b == null ? rs.toBuilder() : b;
            b.getScopeSpansBuilder(i).setSpans(j, edited);
          }
        }
      }
      out.add(b == null ? rs : b.build());
    }
    return out;
  }

  private static Span span(Span span, String service, AttributeEdit edit) {
    List<KeyValue> attrs = edit.attributes(AttributeSite.SPAN, service, span.getAttributesList());
    Span.Builder b = attrs == span.getAttributesList() ? null : span.toBuilder().clearAttributes().addAllAttributes(attrs);
    for (int i = 0; i < span.getEventsCount(); i++) {
      List<KeyValue> ea = span.getEvents(i).getAttributesList();
      List<KeyValue> edited = edit.attributes(AttributeSite.SPAN_EVENT, service, ea);
      if (edited != ea) {
        b = b == null ? span.toBuilder() : b;
        b.getEventsBuilder(i).clearAttributes().addAllAttributes(edited);
      }
    }
    return b == null ? span : b.build();
  }

  public static List<ResourceLogs> logs(List<ResourceLogs> data, AttributeEdit edit) {
    List<ResourceLogs> out = new ArrayList<>(data.size());
    for (ResourceLogs rl : data) {
      List<KeyValue> ra = edit.attributes(AttributeSite.RESOURCE, serviceName(rl.getResource().getAttributesList()), rl.getResource().getAttributesList());
      String service = serviceName(ra);
      ResourceLogs.Builder b = ra == rl.getResource().getAttributesList() ? null : rl.toBuilder().setResource(resource(rl.getResource(), ra));
      for (int i = 0; i < rl.getScopeLogsCount(); i++) {
        ScopeLogs sl = rl.getScopeLogs(i);
        for (int j = 0; j < sl.getLogRecordsCount(); j++) {
          LogRecord r = sl.getLogRecords(j);
          List<KeyValue> attrs = edit.attributes(AttributeSite.LOG, service, r.getAttributesList());
          AnyValue body = r.hasBody() ? edit.logBody(service, r.getBody()) : r.getBody();
          if (attrs != r.getAttributesList() || body != r.getBody()) {
            b = b == null ? rl.toBuilder() : b;
            LogRecord.Builder rb = r.toBuilder();
            if (attrs != r.getAttributesList()) {
              rb.clearAttributes().addAllAttributes(attrs);
            }
            if (body != r.getBody()) {
              rb.setBody(body);
            }
            b.getScopeLogsBuilder(i).setLogRecords(j, rb);
          }
        }
      }
      out.add(b == null ? rl : b.build());
    }
    return out;
  }

  public static List<ResourceMetrics> metrics(List<ResourceMetrics> data, AttributeEdit edit) {
    List<ResourceMetrics> out = new ArrayList<>(data.size());
    for (ResourceMetrics rm : data) {
      List<KeyValue> ra = edit.attributes(AttributeSite.RESOURCE, serviceName(rm.getResource().getAttributesList()), rm.getResource().getAttributesList());
      String service = serviceName(ra);
      ResourceMetrics.Builder b = ra == rm.getResource().getAttributesList() ? null : rm.toBuilder().setResource(resource(rm.getResource(), ra));
      for (int i = 0; i < rm.getScopeMetricsCount(); i++) {
        ScopeMetrics sm = rm.getScopeMetrics(i);
        for (int j = 0; j < sm.getMetricsCount(); j++) {
          Metric m = sm.getMetrics(j);
          Metric edited = metric(m, service, edit);
          if (edited != m) {
            b = b == null ? rm.toBuilder() : b;
            b.getScopeMetricsBuilder(i).setMetrics(j, edited);
          }
        }
      }
      out.add(b == null ? rm : b.build());
    }
    return out;
  }

  private static Metric metric(Metric m, String service, AttributeEdit edit) {
    return switch (m.getDataCase()) {
      case GAUGE -> {
        List<NumberDataPoint> p = points(m.getGauge().getDataPointsList(), NumberDataPoint::getAttributesList,
            (d, a) -> d.toBuilder().clearAttributes().addAllAttributes(a).build(), service, edit);
        yield p == m.getGauge().getDataPointsList() ? m
            : m.toBuilder().setGauge(m.getGauge().toBuilder().clearDataPoints().addAllDataPoints(p)).build();
      }
      case SUM -> {
        List<NumberDataPoint> p = points(m.getSum().getDataPointsList(), NumberDataPoint::getAttributesList,
            (d, a) -> d.toBuilder().clearAttributes().addAllAttributes(a).build(), service, edit);
        yield p == m.getSum().getDataPointsList() ? m
            : m.toBuilder().setSum(m.getSum().toBuilder().clearDataPoints().addAllDataPoints(p)).build();
      }
      case HISTOGRAM -> {
        List<HistogramDataPoint> p = points(m.getHistogram().getDataPointsList(), HistogramDataPoint::getAttributesList,
            (d, a) -> d.toBuilder().clearAttributes().addAllAttributes(a).build(), service, edit);
        yield p == m.getHistogram().getDataPointsList() ? m
            : m.toBuilder().setHistogram(m.getHistogram().toBuilder().clearDataPoints().addAllDataPoints(p)).build();
      }
      case EXPONENTIAL_HISTOGRAM -> {
        List<ExponentialHistogramDataPoint> p = points(m.getExponentialHistogram().getDataPointsList(),
            ExponentialHistogramDataPoint::getAttributesList,
            (d, a) -> d.toBuilder().clearAttributes().addAllAttributes(a).build(), service, edit);
        yield p == m.getExponentialHistogram().getDataPointsList() ? m : m.toBuilder().setExponentialHistogram(
            m.getExponentialHistogram().toBuilder().clearDataPoints().addAllDataPoints(p)).build();
      }
      case SUMMARY -> {
        List<SummaryDataPoint> p = points(m.getSummary().getDataPointsList(), SummaryDataPoint::getAttributesList,
            (d, a) -> d.toBuilder().clearAttributes().addAllAttributes(a).build(), service, edit);
        yield p == m.getSummary().getDataPointsList() ? m
            : m.toBuilder().setSummary(m.getSummary().toBuilder().clearDataPoints().addAllDataPoints(p)).build();
      }
      case DATA_NOT_SET -> m;
    };
  }

  /** The points with edited attributes; the very list when the edit changed none. */
  private static <P> List<P> points(List<P> points, Function<P, List<KeyValue>> attributes,
      BiFunction<P, List<KeyValue>, P> withAttributes, String service, AttributeEdit edit) {
    List<P> out = null;
    for (int k = 0; k < points.size(); k++) {
      P point = points.get(k);
      List<KeyValue> a = attributes.apply(point);
      List<KeyValue> e = edit.attributes(AttributeSite.METRIC_POINT, service, a);
      if (e != a && out == null) {
        out = new ArrayList<>(points);
      }
      if (e != a) {
        out.set(k, withAttributes.apply(point, e));
      }
    }
    return out == null ? points : out;
  }
}
