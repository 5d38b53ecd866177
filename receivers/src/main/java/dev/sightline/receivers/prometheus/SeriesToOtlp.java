package dev.sightline.receivers.prometheus;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prometheus series as OTLP, the way every Prometheus receiver hands them to the ingest log: each
 * series an OTLP gauge named by {@code __name__}; {@code job} and {@code instance} become the
 * resource's {@code service.name} and {@code service.instance.id}, as the OpenTelemetry-Prometheus
 * mapping says; the other labels become point attributes; the family's type (counter, histogram,
 * …) is kept in the metric's metadata as {@code prometheus.type}. Series without a name or samples
 * are left out.
 */
public final class SeriesToOtlp {
  private static final java.util.regex.Pattern HEX_TRACE_ID = java.util.regex.Pattern.compile("[0-9a-fA-F]{32}");
  private static final java.util.regex.Pattern HEX_SPAN_ID = java.util.regex.Pattern.compile("[0-9a-fA-F]{16}");

  private SeriesToOtlp() {}

  /**
   * @param types metric family name to Prometheus type; a series named {@code <family>_total},
   *     {@code _bucket}, {@code _count} or {@code _sum} takes its family's type
   */
  public static ExportMetricsServiceRequest convert(List<PromSeries> series, Map<String, String> types, String scopeName) {
    Map<List<String>, Map<String, Metric.Builder>> byTarget = new LinkedHashMap<>();
    for (PromSeries s : series) {
      String name = s.labels().get("__name__");
      if (name == null || name.isEmpty() || s.timestampsMs().length == 0) {
        continue;
      }
      List<String> target = List.of(s.labels().getOrDefault("job", ""), s.labels().getOrDefault("instance", ""));
      Metric.Builder metric = byTarget.computeIfAbsent(target, t -> new LinkedHashMap<>()).computeIfAbsent(name, n -> {
        Metric.Builder m = Metric.newBuilder().setName(n).setGauge(Gauge.newBuilder());
        String family = types.getOrDefault(n, types.get(n.replaceFirst("(_total|_bucket|_count|_sum)$", "")));
        if (family != null) {
          m.addMetadata(attr("prometheus.type", family));
        }
        return m;
      });
      List<KeyValue> attributes = s.labels().entrySet().stream()
          .filter(e -> !e.getKey().equals("__name__") && !e.getKey().equals("job") && !e.getKey().equals("instance"))
          .map(e -> attr(e.getKey(), e.getValue())).toList();
      // Merging from a built point shares its attribute list instead of copying it per sample.
      NumberDataPoint withAttributes = NumberDataPoint.newBuilder().addAllAttributes(attributes).build();
      for (int i = 0; i < s.timestampsMs().length; i++) {
        NumberDataPoint.Builder point = NumberDataPoint.newBuilder().mergeFrom(withAttributes)
            .setTimeUnixNano(s.timestampsMs()[i] * 1_000_000L).setAsDouble(s.values()[i]);
        if (i == s.timestampsMs().length - 1) {
          s.exemplars().forEach(e -> point.addExemplars(exemplar(e, s.timestampsMs()[s.timestampsMs().length - 1])));
        }
        metric.getGaugeBuilder().addDataPoints(point);
      }
    }
    ExportMetricsServiceRequest.Builder out = ExportMetricsServiceRequest.newBuilder();
    byTarget.forEach((target, metrics) -> {
      Resource.Builder resource = Resource.newBuilder();
      if (!target.get(0).isEmpty()) {
        resource.addAttributes(attr("service.name", target.get(0)));
      }
      if (!target.get(1).isEmpty()) {
        resource.addAttributes(attr("service.instance.id", target.get(1)));
      }
      ScopeMetrics.Builder scope = ScopeMetrics.newBuilder().setScope(InstrumentationScope.newBuilder().setName(scopeName));
      metrics.values().forEach(scope::addMetrics);
      out.addResourceMetrics(ResourceMetrics.newBuilder().setResource(resource).addScopeMetrics(scope));
    });
    return out.build();
  }

  /**
   * An exemplar as OTLP has it: {@code trace_id} and {@code span_id} labels in hex become its ids,
   * the other labels its filtered attributes.
   */
  private static Exemplar exemplar(PromSeries.PromExemplar e, long pointMs) {
    Exemplar.Builder b = Exemplar.newBuilder().setAsDouble(e.value())
        .setTimeUnixNano((e.timestampMs() == Long.MIN_VALUE ? pointMs : e.timestampMs()) * 1_000_000L);
    e.labels().forEach((name, value) -> {
      if (name.equals("trace_id") && HEX_TRACE_ID.matcher(value).matches()) {
        b.setTraceId(ByteString.fromHex(value.toLowerCase(java.util.Locale.ROOT)));
      } else if (name.equals("span_id") && HEX_SPAN_ID.matcher(value).matches()) {
        b.setSpanId(ByteString.fromHex(value.toLowerCase(java.util.Locale.ROOT)));
      } else {
        b.addFilteredAttributes(attr(name, value));
      }
    });
    return b.build();
  }

  private static KeyValue attr(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }
}
