package dev.sightline.server.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.sightline.query.promql.PromqlEngine;
import dev.sightline.query.promql.QueryResult;
import dev.sightline.receivers.RequestTenant;
import dev.sightline.storage.Operation;
import dev.sightline.storage.Page;
import dev.sightline.storage.Storage;
import dev.sightline.storage.StorageException;
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
  private final @Nullable PromqlEngine engine;
  private final Clock clock;
  private final QueryMasking masking;

  private interface Handler {
    HttpResponse handle(ServiceRequestContext ctx, Masking shown) throws IOException;
  }

  public JaegerQueryApi(Storage storage, @Nullable PromqlEngine engine, Clock clock, QueryMasking masking) {
    this.storage = storage;
    this.engine = engine;
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
    Masking shown = masking.forRequest(ctx);
    return HttpResponse.of(CompletableFuture.supplyAsync(() -> {
      try {
        HttpResponse answer = handler.handle(ctx, shown);
        masking.audit(ctx, shown);
        return answer;
      } catch (BadRequestException | IllegalArgumentException e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage());
      } catch (StorageException e) {
        return error(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
      } catch (IOException e) {
        return error(HttpStatus.INTERNAL_SERVER_ERROR, "writing the answer failed: " + e.getMessage());
      }
    }, ctx.blockingTaskExecutor()));
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
          .limit(limit(ctx));
      String operation = ctx.queryParam("operation");
      if (operation != null && !operation.isEmpty() && !operation.equals("all")) {
        q.operation(operation);
      }
      tags(ctx).forEach(q::attribute);
      q.minDurationNanos(duration(ctx, "minDuration")).maxDurationNanos(duration(ctx, "maxDuration"));
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

  /**
   * Calls between services in {@code (endTs - lookback, endTs]}, from the service-graph counters
   * the pipeline derives from every span: per edge, the counters' increase, counting a series that
   * began in the window from zero and a reset as a restart from zero.
   */
  private HttpResponse dependencies(ServiceRequestContext ctx, Masking shown) {
    long endMs = longParam(ctx, "endTs", clock.millis());
    long lookbackMs = longParam(ctx, "lookback", Duration.ofDays(1).toMillis());
    if (lookbackMs <= 0) {
      throw new BadRequestException("lookback: must be a positive number of milliseconds");
    }
    Map<List<String>, Long> calls = new java.util.TreeMap<>(java.util.Comparator.comparing((List<String> k) -> k.get(0))
        .thenComparing(k -> k.get(1)));
    if (engine != null) {
      // Twice the window, so that the value before the window starts is known.
      QueryResult r = engine.instantQuery(tenant(), "traces_service_graph_request_total[" + (2 * lookbackMs) + "ms]", endMs);
      if (r instanceof QueryResult.MatrixResult m) {
        for (QueryResult.Series s : m.series()) {
          String parent = s.labels().getOrDefault("client", "");
          String child = s.labels().getOrDefault("server", "");
          if (!parent.isEmpty() && !child.isEmpty()) {
            calls.merge(List.of(parent, child), increase(s, endMs - lookbackMs), Long::sum);
          }
        }
      }
    }
    List<Map<String, Object>> out = new ArrayList<>();
    calls.forEach((edge, n) -> {
      if (n > 0) {
        out.add(Map.of("parent", edge.get(0), "child", edge.get(1), "callCount", n));
      }
    });
    return data(out);
  }

  private static long increase(QueryResult.Series s, long fromMs) {
    double previous = 0;
    double total = 0;
    for (int i = 0; i < s.timestamps().length; i++) {
      double v = s.values()[i];
      if (s.timestamps()[i] > fromMs) {
        total += v >= previous ? v - previous : v;
      }
      previous = v;
    }
    return Math.round(total);
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

  private static @Nullable Long duration(ServiceRequestContext ctx, String name) {
    String raw = ctx.queryParam(name);
    return raw == null || raw.isBlank() ? null : Params.parseDuration(name, raw).toNanos();
  }

  private static int limit(ServiceRequestContext ctx) {
    long limit = longParam(ctx, "limit", DEFAULT_LIMIT);
    if (limit <= 0) {
      return DEFAULT_LIMIT;
    }
    return (int) Math.min(limit, MAX_LIMIT);
  }

  private static long longParam(ServiceRequestContext ctx, String name, long otherwise) {
    String raw = ctx.queryParam(name);
    if (raw == null || raw.isBlank()) {
      return otherwise;
    }
    try {
      return Long.parseLong(raw.trim());
    } catch (NumberFormatException e) {
      throw new BadRequestException(name + ": '" + raw + "' is not an integer");
    }
  }

  private static String required(ServiceRequestContext ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      throw new BadRequestException("parameter '" + name + "' is required");
    }
    return v;
  }

  /** A trace id as Jaeger clients send it: 1 to 32 hex digits, left-padded to 32. */
  private static String traceId(String raw) {
    if (!raw.matches("[0-9a-fA-F]{1,32}")) {
      throw new BadRequestException("trace id '" + raw + "' is not 1 to 32 hex digits");
    }
    return "0".repeat(32 - raw.length()) + raw.toLowerCase(java.util.Locale.ROOT);
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
