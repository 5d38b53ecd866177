package dev.sightline.ingestlog.kafka;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.sightline.ingestlog.LogEntry;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Cuts one OTLP request into Kafka records. Traces: one record per trace, keyed by the trace id,
 * so that every span of a trace lands in one partition and one worker can decide tail sampling on
 * the whole trace (keying a request by its first trace id would scatter the other traces of a
 * batch, which SDKs fill from many traces). Metrics and logs: one record per resource, keyed by
 * tenant and resource, so the series of one resource stay in one partition, in order (delta to
 * cumulative conversion needs them together).
 */
final class RecordSplit {
  private RecordSplit() {}

  /** A record's key (null: any partition) and value. */
  record Part(byte @Nullable [] key, byte[] value) {}

  static List<Part> split(LogEntry.Kind kind, String tenant, byte[] payload) {
    try {
      return switch (kind) {
        case TRACES -> traces(payload);
        case METRICS -> metrics(tenant, payload);
        case LOGS -> logs(tenant, payload);
      };
    } catch (InvalidProtocolBufferException e) {
      // Receivers append only what they parsed; whatever this is, the pipeline decides about it.
      return List.of(new Part(null, payload));
    }
  }

  private static List<Part> traces(byte[] payload) throws InvalidProtocolBufferException {
    ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(payload);
    // trace id -> resource index -> scope index -> spans, in the order of the request
    Map<ByteString, Map<Integer, Map<Integer, List<Span>>>> byTrace = new LinkedHashMap<>();
    List<ResourceSpans> resources = request.getResourceSpansList();
    for (int r = 0; r < resources.size(); r++) {
      List<ScopeSpans> scopes = resources.get(r).getScopeSpansList();
      for (int s = 0; s < scopes.size(); s++) {
        for (Span span : scopes.get(s).getSpansList()) {
          byTrace.computeIfAbsent(span.getTraceId(), id -> new LinkedHashMap<>())
              .computeIfAbsent(r, i -> new LinkedHashMap<>())
              .computeIfAbsent(s, i -> new ArrayList<>()).add(span);
        }
      }
    }
    if (byTrace.size() <= 1) {
      byte[] key = byTrace.isEmpty() ? null : byTrace.keySet().iterator().next().toByteArray();
      return List.of(new Part(key, payload)); // one trace: the bytes as received
    }
    List<Part> parts = new ArrayList<>(byTrace.size());
    byTrace.forEach((traceId, byResource) -> {
      ExportTraceServiceRequest.Builder one = ExportTraceServiceRequest.newBuilder();
      byResource.forEach((r, byScope) -> {
        ResourceSpans resource = resources.get(r);
        ResourceSpans.Builder rs = resource.toBuilder().clearScopeSpans();
        byScope.forEach((s, spans) -> rs.addScopeSpans(
            resource.getScopeSpans(s).toBuilder().clearSpans().addAllSpans(spans)));
        one.addResourceSpans(rs);
      });
      parts.add(new Part(traceId.toByteArray(), one.build().toByteArray()));
    });
    return parts;
  }

  private static List<Part> metrics(String tenant, byte[] payload) throws InvalidProtocolBufferException {
    return perResource(tenant, payload, ExportMetricsServiceRequest.parseFrom(payload).getResourceMetricsList(),
        ResourceMetrics::getResource, rm -> ExportMetricsServiceRequest.newBuilder().addResourceMetrics(rm).build().toByteArray());
  }

  private static List<Part> logs(String tenant, byte[] payload) throws InvalidProtocolBufferException {
    return perResource(tenant, payload, ExportLogsServiceRequest.parseFrom(payload).getResourceLogsList(),
        ResourceLogs::getResource, rl -> ExportLogsServiceRequest.newBuilder().addResourceLogs(rl).build().toByteArray());
  }

  /** One record per resource; a request of one resource keeps its bytes as received. */
  private static <R> List<Part> perResource(String tenant, byte[] payload, List<R> resources,
      Function<R, Resource> resourceOf, Function<R, byte[]> alone) {
    if (resources.size() <= 1) {
      return List.of(new Part(resources.isEmpty() ? null : resourceKey(tenant, resourceOf.apply(resources.get(0))), payload));
    }
    return resources.stream().map(r -> new Part(resourceKey(tenant, resourceOf.apply(r)), alone.apply(r))).toList();
  }

  /** A 64-bit FNV-1a hash of tenant and resource: short, and the same for the same resource. */
  static byte[] resourceKey(String tenant, Resource resource) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : tenant.getBytes(StandardCharsets.UTF_8)) {
      hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
    }
    hash = (hash ^ 0xff) * 0x100000001b3L; // separator: tenant "ab" + resource "c" differs from "a" + "bc"
    for (byte b : resource.toByteArray()) {
      hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
    }
    return ByteBuffer.allocate(Long.BYTES).putLong(hash).array();
  }
}
