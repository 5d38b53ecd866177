package dev.sightline.otlp;

import com.google.protobuf.Message;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Validates the data points of one metrics export request; see {@link OtlpValidator} for the
 * rules. A metric without data counts as one item, received and rejected, so that the client
 * hears of it and received = accepted + rejected still holds.
 */
final class MetricValidation {
  private static final String NO_DATA =
      "has no data; expected one of gauge, sum, histogram, exponentialHistogram or summary";

  private final AttributeLimits limits;
  private final DataPointRules rules;

  MetricValidation(AttributeLimits limits) {
    this.limits = limits;
    this.rules = new DataPointRules(limits);
  }

  static long count(ExportMetricsServiceRequest request) {
    long count = 0;
    for (ResourceMetrics rm : request.getResourceMetricsList()) {
      for (ScopeMetrics sm : rm.getScopeMetricsList()) {
        for (Metric metric : sm.getMetricsList()) {
          count += items(metric);
        }
      }
    }
    return count;
  }

  private static int items(Metric metric) {
    return metric.getDataCase() == Metric.DataCase.DATA_NOT_SET ? 1 : MetricPoints.of(metric).size();
  }

  Validated<ExportMetricsServiceRequest> validate(ExportMetricsServiceRequest request) {
    Rejections rejections = new Rejections();
    int position = 0;
    for (int r = 0; r < request.getResourceMetricsCount(); r++) {
      ResourceMetrics rm = request.getResourceMetrics(r);
      String resourceProblem = Rejections.about("resource", limits.check(rm.getResource().getAttributesList()));
      for (int s = 0; s < rm.getScopeMetricsCount(); s++) {
        ScopeMetrics sm = rm.getScopeMetrics(s);
        String shared = resourceProblem != null ? resourceProblem
            : Rejections.about("scope", limits.check(sm.getScope().getAttributesList()));
        for (int m = 0; m < sm.getMetricsCount(); m++) {
          String path = "resourceMetrics[" + r + "].scopeMetrics[" + s + "].metrics[" + m + "]";
          position = check(sm.getMetrics(m), path, shared, rejections, position);
        }
      }
    }
    ExportMetricsServiceRequest accepted = rejections.none() ? request : without(request, rejections);
    return new Validated<>(accepted, position, rejections.count(), rejections.messages());
  }

  /** Checks the points of one metric, which start at {@code position}; returns the next position. */
  private int check(Metric metric, String path, @Nullable String shared, Rejections rejections, int position) {
    String label = " (metric " + Quoted.of(metric.getName()) + "): ";
    if (metric.getDataCase() == Metric.DataCase.DATA_NOT_SET) {
      rejections.reject(position, () -> path + label + (shared != null ? shared : NO_DATA));
      return position + 1;
    }
    String metricProblem = shared != null ? shared : metric.getName().isEmpty() ? "metric name is empty" : null;
    List<? extends Message> points = MetricPoints.of(metric);
    List<KeyValue> checked = null;
    for (int p = 0; p < points.size(); p++) {
      Message point = points.get(p);
      String problem = metricProblem != null ? metricProblem : rules.problem(point, checked);
      if (problem == null) {
        checked = DataPointRules.attributes(point);
      } else {
        String pointPath = path + "." + MetricPoints.field(metric) + "[" + p + "]";
        rejections.reject(position + p, () -> pointPath + label + problem);
      }
    }
    return position + points.size();
  }

  private static ExportMetricsServiceRequest without(ExportMetricsServiceRequest request, Rejections rejections) {
    ExportMetricsServiceRequest.Builder out = request.toBuilder().clearResourceMetrics();
    int position = 0;
    for (ResourceMetrics rm : request.getResourceMetricsList()) {
      ResourceMetrics.Builder resource = rm.toBuilder().clearScopeMetrics();
      for (ScopeMetrics sm : rm.getScopeMetricsList()) {
        ScopeMetrics.Builder scope = sm.toBuilder().clearMetrics();
        for (Metric metric : sm.getMetricsList()) {
          int first = position;
          position += items(metric);
          if (metric.getDataCase() == Metric.DataCase.DATA_NOT_SET) {
            continue;
          }
          Metric kept = MetricPoints.keeping(metric, i -> !rejections.isRejected(first + i));
          if (!MetricPoints.of(kept).isEmpty()) {
            scope.addMetrics(kept);
          }
        }
        if (scope.getMetricsCount() > 0) {
          resource.addScopeMetrics(scope);
        }
      }
      if (resource.getScopeMetricsCount() > 0) {
        out.addResourceMetrics(resource);
      }
    }
    return out.build();
  }
}
