package dev.sightline.bench;

import dev.sightline.otlp.Ids;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Pre-generated request bodies, so that generating does not limit the load: each use rewrites the
 * first 8 bytes of every trace id with a request number, so ids never repeat across requests.
 */
final class RequestPool {
  /** One body with the offsets of every trace id in it and its item count. */
  record Body(byte[] bytes, int[][] idOffsets, boolean hexIds, int items) {}

  private final List<Body> bodies = new ArrayList<>();

  static RequestPool create(LoadOptions o, int size) {
    RequestPool pool = new RequestPool();
    TrafficModel model = new TrafficModel(42);
    MetricModel metrics = new MetricModel(model.random());
    long now = System.currentTimeMillis() * 1_000_000L;
    for (int i = 0; i < size; i++) {
      switch (o.signal()) {
        case "traces" -> {
          List<ResourceSpans> spans = new ArrayList<>();
          int count = 0;
          while (count < o.batch()) {
            List<ResourceSpans> trace = model.trace(model.traceSize(), now);
            spans.addAll(trace);
            count += trace.stream().mapToInt(rs -> rs.getScopeSpans(0).getSpansCount()).sum();
          }
          Set<String> ids = traceIds(spans);
          if (o.target().equals("zipkin")) {
            pool.add(ZipkinJson.spans(spans), ids, true, count);
          } else {
            pool.add(ExportTraceServiceRequest.newBuilder().addAllResourceSpans(spans).build().toByteArray(), ids, false, count);
          }
        }
        case "logs" -> {
          List<ResourceLogs> logs = new ArrayList<>();
          Set<String> ids = new LinkedHashSet<>();
          int count = 0;
          while (count < o.batch()) {
            List<ResourceSpans> trace = model.trace(model.traceSize(), now);
            ids.addAll(traceIds(trace));
            List<ResourceLogs> tied = model.logs(trace, 2);
            logs.addAll(tied);
            count += tied.stream().mapToInt(rl -> rl.getScopeLogs(0).getLogRecordsCount()).sum();
          }
          pool.add(ExportLogsServiceRequest.newBuilder().addAllResourceLogs(logs).build().toByteArray(), ids, false, count);
        }
        case "metrics" -> {
          ExportMetricsServiceRequest.Builder b = ExportMetricsServiceRequest.newBuilder();
          int count = 0;
          for (int s = 0; count < o.batch(); s++) {
            b.addResourceMetrics(metrics.collect(TrafficModel.SERVICES[s % TrafficModel.SERVICES.length] + "-" + (s / TrafficModel.SERVICES.length),
                now - 3_600_000_000_000L, now));
            count += MetricModel.POINTS_PER_SERVICE;
          }
          pool.add(b.build().toByteArray(), Set.of(), false, count);
        }
        default -> throw new IllegalArgumentException("--signal: '" + o.signal() + "' is not traces, logs or metrics");
      }
    }
    return pool;
  }

  private static Set<String> traceIds(List<ResourceSpans> spans) {
    Set<String> ids = new LinkedHashSet<>();
    spans.forEach(rs -> rs.getScopeSpansList().forEach(ss -> ss.getSpansList().forEach(s -> ids.add(Ids.toHex(s.getTraceId())))));
    return ids;
  }

  private void add(byte[] bytes, Set<String> traceIds, boolean hex, int items) {
    int[][] offsets = new int[traceIds.size()][];
    int t = 0;
    for (String id : traceIds) {
      byte[] needle = hex ? id.getBytes(StandardCharsets.US_ASCII) : Ids.fromHex(id).toByteArray();
      offsets[t++] = find(bytes, needle);
    }
    bodies.add(new Body(bytes, offsets, hex, items));
  }

  private static int[] find(byte[] haystack, byte[] needle) {
    List<Integer> found = new ArrayList<>();
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      found.add(i);
    }
    return found.stream().mapToInt(Integer::intValue).toArray();
  }

  int size() {
    return bodies.size();
  }

  Body body(int index) {
    return bodies.get(index % bodies.size());
  }

  /** A copy of body {@code index} whose trace ids carry {@code requestNumber}. */
  byte[] unique(int index, long requestNumber) {
    Body body = body(index);
    byte[] out = body.bytes().clone();
    for (int t = 0; t < body.idOffsets().length; t++) {
      long v = (requestNumber << 12) | t;
      for (int offset : body.idOffsets()[t]) {
        if (body.hexIds()) {
          byte[] hex = String.format("%016x", v).getBytes(StandardCharsets.US_ASCII);
          System.arraycopy(hex, 0, out, offset, 16);
        } else {
          for (int k = 0; k < 8; k++) {
            out[offset + k] = (byte) (v >>> (56 - 8 * k));
          }
        }
      }
    }
    return out;
  }
}
