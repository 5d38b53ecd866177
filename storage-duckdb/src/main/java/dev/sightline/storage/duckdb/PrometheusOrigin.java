package dev.sightline.storage.duckdb;

import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import java.util.ArrayList;
import java.util.List;

/**
 * Metrics that arrived in Prometheus form (remote-write, scraping; their scope is named
 * {@code sightline.prometheus.*}) are kept only as Prometheus samples: the OTLP {@code points}
 * table would add nothing they carry and cost ten times the bytes of a compressed chunk.
 */
final class PrometheusOrigin {
  static final String SCOPE_PREFIX = "sightline.prometheus.";

  private PrometheusOrigin() {}

  static List<ResourceMetrics> withoutPrometheusScopes(List<ResourceMetrics> metrics) {
    if (metrics.stream().noneMatch(PrometheusOrigin::hasPrometheusScope)) {
      return metrics;
    }
    List<ResourceMetrics> out = new ArrayList<>(metrics.size());
    for (ResourceMetrics rm : metrics) {
      if (!hasPrometheusScope(rm)) {
        out.add(rm);
        continue;
      }
      List<ScopeMetrics> kept = rm.getScopeMetricsList().stream()
          .filter(sm -> !sm.getScope().getName().startsWith(SCOPE_PREFIX)).toList();
      if (!kept.isEmpty()) {
        out.add(rm.toBuilder().clearScopeMetrics().addAllScopeMetrics(kept).build());
      }
    }
    return out;
  }

  private static boolean hasPrometheusScope(ResourceMetrics rm) {
    for (ScopeMetrics sm : rm.getScopeMetricsList()) {
      if (sm.getScope().getName().startsWith(SCOPE_PREFIX)) {
        return true;
      }
    }
    return false;
  }
}
