package dev.sightline.server.api;

import static dev.sightline.server.api.CompatParams.durationNanos;
import static dev.sightline.server.api.CompatParams.limit;
import static dev.sightline.server.api.CompatParams.longParam;
import static dev.sightline.server.api.CompatParams.required;
import static dev.sightline.server.api.CompatParams.traceId;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.sightline.query.promql.PromqlEngine;
import dev.sightline.receivers.RequestTenant;
import dev.sightline.storage.Operation;
import dev.sightline.storage.Page;
import dev.sightline.storage.Storage;
import dev.sightline.storage.StoredSpan;
import dev.sightline.storage.TimeRange;
import dev.sightline.storage.TraceQuery;
import dev.sightline.storage.TraceSummary;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The Jaeger query API under {@code /jaeger/api} ({@code services}, {@code operations},
 * {@code traces}, {@code traces/{id}}, {@code dependencies}) in the Jaeger JSON model, so that
 * Grafana's Jaeger data source and the Jaeger UI read from Sightline. Same storage, tenant,
 * permissions and masking as the REST API; errors in Jaeger's envelope.
 */
public final class JaegerQueryApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int DEFAULT_LIMIT = 20;
  private static final int MAX_LIMIT = 1500;
  private final Storage storage;
  private final ServiceDependencies dependencies;
  private final Clock clock;
  private final QueryMasking masking;

  private interface Handler {
    HttpResponse handle(ServiceRequestContext ctx, Masking shown) throws IOException;
  }

  public JaegerQueryApi(Storage storage, @Nullable PromqlEngine engine, Clock clock, QueryMasking masking) {
    this.storage = storage;
    this.dependencies = new ServiceDependencies(engine);
    this.clock = clock;
    this.masking = masking;
  }

  public void register(ServerBuilder sb) {
    sb.route().get("/jaeger/api/services").build((ctx, req) -> run(ctx, (c, m) -> data(storage.traces().services(tenant()))));
    sb.route().get("/jaeger/api/services/{service}/operations").build((ctx, req) -> run(ctx, (c, m) -> data(
        storage.traces().operations(tenant(), c.pathParam("service")).stream().map(Operation::name).distinct().toList())));
    sb.route().get("/jaeger/api/operations").build((ctx, req) -> run(ctx, this::operations));
    sb.route().get("/jaeger/api/traces").build((ctx, req) -> run(ctx, this::search));
    sb.route().get("/jaeger/api/traces/{traceId}").build((ctx, req) -> run(ctx, this::trace));
    sb.route().get("/jaeger/api/dependencies").build((ctx, req) -> run(ctx, this::dependencies));
  }

  private static String tenant() {
    return RequestTenant.current();
  }

  private HttpResponse run(ServiceRequestContext ctx, Handler handler) {
    return HttpResponse.of(CompletableFuture.supplyAsync(() -> MaskedQuery.answer(ctx, masking, JaegerQueryApi::error,
        shown -> handler.handle(ctx, shown)), ctx.blockingTaskExecutor()));
  }


  private HttpResponse operations(ServiceRequestContext ctx, Masking shown) {
    String service = required(ctx, "service");
    String kind = ctx.queryParam("spanKind");
    List<Map<String, String>> out = new ArrayList<>();
    for (Operation op : storage.traces().operations(tenant(), service)) {
      String opKind = op.spanKind().toLowerCase(java.util.Locale.ROOT).replace("span_kind_", "");
      if (kind == null || kind.isEmpty() || kind.equalsIgnoreCase(opKind)) {
        out.add(Map.of("name", op.name(), "spanKind", opKind));
      }
    }
    return data(out);
  }

  private HttpResponse search(ServiceRequestContext ctx, Masking shown) throws IOException {
    List<String> ids = ctx.queryParams().getAll("traceID");
    List<String> traceIds = new ArrayList<>();
    if (!ids.isEmpty()) {
      ids.forEach(id -> traceIds.add(traceId(id)));
    } else {
      TraceQuery.Builder q = TraceQuery.builder(tenant()).range(range(ctx)).service(required(ctx, "service"))
          .limit(limit(ctx, DEFAULT_LIMIT, MAX_LIMIT));
      String operation = ctx.queryParam("operation");
      if (operation != null && !operation.isEmpty() && !operation.equals("all")) {
        q.operation(operation);
      }
      tags(ctx).forEach(q::attribute);
      q.minDurationNanos(durationNanos(ctx, "minDuration")).maxDurationNanos(durationNanos(ctx, "maxDuration"));
      Page<TraceSummary> page = storage.traces().search(q.build());
      page.items().forEach(t -> traceIds.add(t.traceId()));
    }
    List<List<StoredSpan>> traces = new ArrayList<>();
    for (String id : traceIds) {
      List<StoredSpan> spans = storage.traces().trace(tenant(), id);
      if (!spans.isEmpty()) {
        traces.add(spans.stream().map(shown::span).toList());
      }
    }
    return envelope(HttpStatus.OK, traces.size(), g -> {
      g.writeStartArray();
      for (List<StoredSpan> spans : traces) {
        JaegerJson.trace(g, dev.sightline.otlp.Ids.toHex(spans.get(0).span().getTraceId()), spans);
      }
      g.writeEndArray();
    }, null);
  }

  private HttpResponse trace(ServiceRequestContext ctx, Masking shown) throws IOException {
    String id = traceId(ctx.pathParam("traceId"));
    List<StoredSpan> spans = storage.traces().trace(tenant(), id);
    if (spans.isEmpty()) {
      return error(HttpStatus.NOT_FOUND, "trace not found");
    }
    List<StoredSpan> masked = spans.stream().map(shown::span).toList();
    return envelope(HttpStatus.OK, 1, g -> {
      g.writeStartArray();
      JaegerJson.trace(g, id, masked);
      g.writeEndArray();
    }, null);
  }

  /** Calls between services in {@code (endTs - lookback, endTs]} (milliseconds; default the last day). */
  private HttpResponse dependencies(ServiceRequestContext ctx, Masking shown) {
    long endMs = longParam(ctx, "endTs", clock.millis());
    long lookbackMs = longParam(ctx, "lookback", Duration.ofDays(1).toMillis());
    List<Map<String, Object>> out = new ArrayList<>();
    for (ServiceDependencies.Edge e : dependencies.between(tenant(), endMs, lookbackMs)) {
      out.add(Map.of("parent", e.parent(), "child", e.child(), "callCount", e.calls()));
    }
    return data(out);
  }

  private TimeRange range(ServiceRequestContext ctx) {
    long nowMicros = clock.millis() * 1000;
    long end = longParam(ctx, "end", nowMicros);
    String lookback = ctx.queryParam("lookback");
    long defaultStart = end - (lookback != null && !lookback.isEmpty() && !lookback.equals("custom")
        ? Params.parseDuration("lookback", lookback).toNanos() / 1000 : Duration.ofHours(1).toNanos() / 1000);
    long start = longParam(ctx, "start", defaultStart);
    if (end < start) {
      throw new BadRequestException("end is before start");
    }
    return new TimeRange(Math.max(0, start) * 1000, end * 1000);
  }

  /** {@code tags} as Jaeger's UI and Grafana send it (a JSON object), or repeated {@code tag=key:value}. */
  private static Map<String, String> tags(ServiceRequestContext ctx) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    String json = ctx.queryParam("tags");
    if (json != null && !json.isBlank()) {
      JsonNode n;
      try {
        n = JSON.readTree(json);
      } catch (IOException e) {
        throw new BadRequestException("tags: not a JSON object such as {\"http.status_code\":\"500\"}: " + e.getMessage());
      }
      if (n == null || !n.isObject()) {
        throw new BadRequestException("tags: expected a JSON object such as {\"http.status_code\":\"500\"}");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        out.put(e.getKey(), e.getValue().asText());
      }
    }
    for (String tag : ctx.queryParams().getAll("tag")) {
      int colon = tag.indexOf(':');
      if (colon <= 0) {
        throw new BadRequestException("tag: '" + tag + "' is not of the form key:value");
      }
      out.put(tag.substring(0, colon), tag.substring(colon + 1));
    }
    return out;
  }






  private static HttpResponse data(List<?> items) {
    return envelope(HttpStatus.OK, items.size(), g -> JSON.writeValue(g, items), null);
  }

  private static HttpResponse error(HttpStatus status, String message) {
    return envelope(status, 0, JsonGenerator::writeNull, Map.of("code", status.code(), "msg", message));
  }

  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  /** {@code {"data": …, "total": n, "limit": 0, "offset": 0, "errors": null | [{"code", "msg"}]}} */
  private static HttpResponse envelope(HttpStatus status, int total, Body data, @Nullable Map<String, Object> error) {
    return JsonResponses.of(status, g -> {
      g.writeStartObject();
      g.writeFieldName("data");
      data.write(g);
      g.writeNumberField("total", total);
      g.writeNumberField("limit", 0);
      g.writeNumberField("offset", 0);
      if (error == null) {
        g.writeNullField("errors");
      } else {
        g.writeArrayFieldStart("errors");
        JSON.writeValue(g, error);
        g.writeEndArray();
      }
      g.writeEndObject();
    });
  }
}
