package dev.sightline.pipeline.processor;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.List;

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
    Metric.Builder b = null;
    switch (m.getDataCase()) {
      case GAUGE -> {
        for (int k = 0; k < m.getGauge().getDataPointsCount(); k++) {
          List<KeyValue> a = m.getGauge().getDataPoints(k).getAttributesList();
          List<KeyValue> e = edit.attributes(AttributeSite.METRIC_POINT, service, a);
          if (e != a) {
            b = b == null ? m.toBuilder() : b;
            b.getGaugeBuilder().getDataPointsBuilder(k).clearAttributes().addAllAttributes(e);
          }
        }
      }
      case SUM -> {
        for (int k = 0; k < m.getSum().getDataPointsCount(); k++) {
          List<KeyValue> a = m.getSum().getDataPoints(k).getAttributesList();
          List<KeyValue> e = edit.attributes(AttributeSite.METRIC_POINT, service, a);
          if (e != a) {
            b = b == null ? m.toBuilder() : b;
            b.getSumBuilder().getDataPointsBuilder(k).clearAttributes().addAllAttributes(e);
          }
        }
      }
      case HISTOGRAM -> {
        for (int k = 0; k < m.getHistogram().getDataPointsCount(); k++) {
          List<KeyValue> a = m.getHistogram().getDataPoints(k).getAttributesList();
          List<KeyValue> e = edit.attributes(AttributeSite.METRIC_POINT, service, a);
          if (e != a) {
            b = b == null ? m.toBuilder() : b;
            b.getHistogramBuilder().getDataPointsBuilder(k).clearAttributes().addAllAttributes(e);
          }
        }
      }
      case EXPONENTIAL_HISTOGRAM -> {
        for (int k = 0; k < m.getExponentialHistogram().getDataPointsCount(); k++) {
          List<KeyValue> a = m.getExponentialHistogram().getDataPoints(k).getAttributesList();
          List<KeyValue> e = edit.attributes(AttributeSite.METRIC_POINT, service, a);
          if (e != a) {
            b = b == null ? m.toBuilder() : b;
            b.getExponentialHistogramBuilder().getDataPointsBuilder(k).clearAttributes().addAllAttributes(e);
          }
        }
      }
      case SUMMARY -> {
        for (int k = 0; k < m.getSummary().getDataPointsCount(); k++) {
          List<KeyValue> a = m.getSummary().getDataPoints(k).getAttributesList();
          List<KeyValue> e = edit.attributes(AttributeSite.METRIC_POINT, service, a);
          if (e != a) {
            b = b == null ? m.toBuilder() : b;
            b.getSummaryBuilder().getDataPointsBuilder(k).clearAttributes().addAllAttributes(e);
          }
        }
      }
      case DATA_NOT_SET -> { }
    }
    return b == null ? m : b.build();
  }
}
