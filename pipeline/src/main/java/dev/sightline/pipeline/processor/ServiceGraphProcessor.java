package dev.sightline.pipeline.processor;

import com.google.protobuf.ByteString;
import dev.sightline.pipeline.SelfMetrics;
import dev.sightline.storage.WriteBatch;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Service-to-service edges from spans (type {@code servicegraph}), before sampling: a client or
 * producer span and the server or consumer span whose parent it is make one request from the
 * client's service to the server's. Per batch it writes delta points of
 * {@code traces_service_graph_request_total}, {@code …_failed_total} and the histograms
 * {@code …_server_seconds} and {@code …_client_seconds}, labelled {@code client}, {@code server}
 * and {@code connection_type}, as the OpenTelemetry Collector's service graph connector names them.
 *
 * <p>A half that finds no partner within {@code wait} still counts: a client span towards an
 * uninstrumented peer becomes an edge to its {@code peer.service}, {@code db.system} or
 * {@code server.address} ({@code connection_type} {@code virtual_node} or {@code database}); a
 * server span without a parent becomes an edge from {@code user}. Halves waiting at a crash are
 * not recovered: edges of requests that straddle a restart can be missed.
 *
 * <pre>
 * servicegraph:
 *   wait: 2s
 *   max_pending: 100000
 * </pre>
 */
final class ServiceGraphProcessor extends TraceProcessor {
  static final String REQUESTS = "traces_service_graph_request_total";
  static final String FAILED = "traces_service_graph_request_failed_total";
  private static final List<Double> BOUNDS_S = List.of(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1d, 2.5, 5d, 10d);
  private final Duration wait;
  private final int maxPending;
  private final Clock clock;
  private final SelfMetrics metrics;
  /** Client halves by (tenant, trace, client span id); server halves by (tenant, trace, parent span id). */
  private final LinkedHashMap<HalfKey, Half> clients = new LinkedHashMap<>();
  private final LinkedHashMap<HalfKey, Half> servers = new LinkedHashMap<>();
  private final Map<String, Map<Edge, EdgeStats>> pending = new LinkedHashMap<>();

  private record HalfKey(String tenant, ByteString traceId, ByteString spanId) {}

  private record Half(String service, Span span, long seenMillis) {}

  record Edge(String client, String server, String connectionType) {}

  private static final class EdgeStats {
    long requests;
    long failed;
    final DeltaMetrics.Distribution server = new DeltaMetrics.Distribution(BOUNDS_S);
    final DeltaMetrics.Distribution client = new DeltaMetrics.Distribution(BOUNDS_S);
  }

  private ServiceGraphProcessor(String id, Duration wait, int maxPending, ProcessorContext context) {
    super(id);
    this.wait = wait;
    this.maxPending = maxPending;
    this.clock = context.clock();
    this.metrics = context.metrics();
    metrics.gauge("sightline_service_graph_pending_spans", "Client and server spans waiting for their partner.",
        () -> clients.size() + servers.size(), "processor", id);
  }

  static ServiceGraphProcessor create(String id, Settings s, ProcessorContext context) {
    s.allowOnly("wait", "max_pending");
    return new ServiceGraphProcessor(id, s.duration("wait", Duration.ofSeconds(2)),
        (int) s.number("max_pending", 100_000, 1, 10_000_000), context);
  }

  @Override
  public Optional<WriteBatch.SignalData> process(WriteBatch.Entry entry, boolean stored) {
    if (stored || !(entry.data() instanceof WriteBatch.Traces traces)) {
      return Optional.of(entry.data());
    }
    long now = clock.millis();
    for (ResourceSpans rs : traces.resourceSpans()) {
      String service = OtlpEditor.serviceName(rs.getResource().getAttributesList());
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        for (Span span : ss.getSpansList()) {
          see(entry.tenant(), service, span, now);
        }
      }
    }
    return Optional.of(entry.data());
  }

  private void see(String tenant, String service, Span span, long now) {
    switch (span.getKind()) {
      case SPAN_KIND_CLIENT, SPAN_KIND_PRODUCER -> {
        HalfKey key = new HalfKey(tenant, span.getTraceId(), span.getSpanId());
        Half server = servers.remove(key);
        if (server != null) {
          record(tenant, new Edge(service, server.service(), connectionType(span)), span, server.span());
        } else {
          clients.put(key, new Half(service, span, now));
        }
      }
      case SPAN_KIND_SERVER, SPAN_KIND_CONSUMER -> {
        if (span.getParentSpanId().isEmpty()) {
          record(tenant, new Edge("user", service, "virtual_node"), null, span);
          return;
        }
        HalfKey key = new HalfKey(tenant, span.getTraceId(), span.getParentSpanId());
        Half client = clients.remove(key);
        if (client != null) {
          record(tenant, new Edge(client.service(), service, connectionType(client.span())), client.span(), span);
        } else {
          servers.put(key, new Half(service, span, now));
        }
      }
      default -> { }
    }
  }

  private static String connectionType(Span client) {
    return client.getKind() == Span.SpanKind.SPAN_KIND_PRODUCER ? "messaging_system" : "";
  }

  private void record(String tenant, Edge edge, Span client, Span server) {
    EdgeStats s = pending.computeIfAbsent(tenant, t -> new LinkedHashMap<>()).computeIfAbsent(edge, e -> new EdgeStats());
    s.requests++;
    if ((client != null && failed(client)) || (server != null && failed(server))) {
      s.failed++;
    }
    if (server != null) {
      s.server.add(seconds(server), server.getEndTimeUnixNano());
    }
    if (client != null) {
      s.client.add(seconds(client), client.getEndTimeUnixNano());
    }
  }

  private static boolean failed(Span s) {
    return s.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR;
  }

  private static double seconds(Span s) {
    return (s.getEndTimeUnixNano() - s.getStartTimeUnixNano()) / 1e9;
  }

  /** Halves whose partner did not come in time become edges to or from a virtual node. */
  private void expire(long now) {
    for (var it = clients.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      if (now - e.getValue().seenMillis() < wait.toMillis() && clients.size() <= maxPending) {
        break;
      }
      it.remove();
      Span span = e.getValue().span();
      String peer = peer(span);
      if (peer != null) {
        String type = attribute(span, "db.system") != null ? "database" : "virtual_node";
        record(e.getKey().tenant(), new Edge(e.getValue().service(), peer, type), span, null);
      } else {
        metrics.counter("sightline_service_graph_unpaired_total", "Spans whose partner never came.", "processor", id(), "side", "client").increment();
      }
    }
    for (var it = servers.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      if (now - e.getValue().seenMillis() < wait.toMillis() && servers.size() <= maxPending) {
        break;
      }
      it.remove();
      metrics.counter("sightline_service_graph_unpaired_total", "Spans whose partner never came.", "processor", id(), "side", "server").increment();
    }
  }

  private static String peer(Span span) {
    for (String key : List.of("peer.service", "db.system", "server.address", "net.peer.name")) {
      String v = attribute(span, key);
      if (v != null && !v.isEmpty()) {
        return v;
      }
    }
    return null;
  }

  private static String attribute(Span span, String key) {
    for (KeyValue kv : span.getAttributesList()) {
      if (kv.getKey().equals(key)) {
        return AttributeAction.text(kv.getValue());
      }
    }
    return null;
  }

  @Override
  public boolean hasDueWork() {
    long now = clock.millis();
    return (!clients.isEmpty() && now - clients.values().iterator().next().seenMillis() >= wait.toMillis())
        || (!servers.isEmpty() && now - servers.values().iterator().next().seenMillis() >= wait.toMillis());
  }

  @Override
  public List<WriteBatch.Entry> endOfBatch(long position) {
    expire(clock.millis());
    List<WriteBatch.Entry> out = new ArrayList<>();
    pending.forEach((tenant, edges) -> {
      ScopeMetrics.Builder scope = ScopeMetrics.newBuilder().setScope(InstrumentationScope.newBuilder().setName("sightline.servicegraph"));
      edges.forEach((edge, s) -> {
        List<KeyValue> labels = List.of(DeltaMetrics.attr("client", edge.client()), DeltaMetrics.attr("server", edge.server()),
            DeltaMetrics.attr("connection_type", edge.connectionType()));
        DeltaMetrics.Distribution times = s.server.count > 0 ? s.server : s.client;
        scope.addMetrics(DeltaMetrics.counter(REQUESTS, "{request}", "Requests between two services.", labels,
            times.firstNanos, times.lastNanos, s.requests));
        scope.addMetrics(DeltaMetrics.counter(FAILED, "{request}", "Failed requests between two services.", labels,
            times.firstNanos, times.lastNanos, s.failed));
        if (s.server.count > 0) {
          scope.addMetrics(DeltaMetrics.histogram("traces_service_graph_request_server_seconds", "s",
              "Server-side duration of requests between two services.", labels, s.server));
        }
        if (s.client.count > 0) {
          scope.addMetrics(DeltaMetrics.histogram("traces_service_graph_request_client_seconds", "s",
              "Client-side duration of requests between two services.", labels, s.client));
        }
      });
      out.add(new WriteBatch.Entry(position, tenant, new WriteBatch.Metrics(List.of(ResourceMetrics.newBuilder()
          .setResource(io.opentelemetry.proto.resource.v1.Resource.newBuilder()
              .addAttributes(DeltaMetrics.attr("service.name", "sightline-service-graph")))
          .addScopeMetrics(scope).build()))));
    });
    pending.clear();
    return out;
  }
}
