package dev.sightline.server.api;

import dev.sightline.receivers.RequestTenant;
import static dev.sightline.server.api.JsonResponses.ok;

import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.sightline.storage.LabelMatcher;
import dev.sightline.storage.LogQuery;
import dev.sightline.storage.Page;
import dev.sightline.storage.SeriesQuery;
import dev.sightline.storage.Storage;
import dev.sightline.storage.StorageException;
import dev.sightline.storage.TimeRange;
import dev.sightline.storage.tier.SignalType;
import dev.sightline.storage.tier.TierPlan;
import dev.sightline.storage.StoredLog;
import dev.sightline.storage.StoredSeries;
import dev.sightline.storage.StoredSpan;
import dev.sightline.storage.TraceQuery;
import dev.sightline.storage.TraceSummary;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JSON query API under {@code /api/v1}; docs/api.md describes every endpoint. */
public final class QueryApi {
  private static final Logger log = LoggerFactory.getLogger(QueryApi.class);
  private static final Duration SEARCH_LOOKBACK = Duration.ofHours(1);
  private final Storage storage;
  private final Clock clock;

  private final QueryMasking masking;

  public QueryApi(Storage storage, Clock clock, QueryMasking masking) {
    this.storage = storage;
    this.clock = clock;
    this.masking = masking;
  }

  public void register(ServerBuilder sb) {
    sb.service("/api/v1/services", handler(p -> ok(g -> {
      g.writeStartObject();
      g.writeArrayFieldStart("services");
      for (String s : storage.traces().services(RequestTenant.current())) g.writeString(s);
      g.writeEndArray();
      g.writeEndObject();
    })));
    sb.service("/api/v1/services/{service}/operations", (ctx, req) -> run(ctx, p -> ok(g -> {
      g.writeStartObject();
      g.writeArrayFieldStart("operations");
      for (var op : storage.traces().operations(RequestTenant.current(), ctx.pathParam("service"))) {
        g.writeStartObject();
        g.writeStringField("name", op.name());
        g.writeStringField("spanKind", op.spanKind());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    })));
    sb.service("/api/v1/traces", handler(this::searchTraces));
    sb.service("/api/v1/traces/{traceId}", (ctx, req) -> run(ctx, p -> trace(ctx.pathParam("traceId"), p.masking())));
    sb.service("/api/v1/logs", handler(this::searchLogs));
    sb.service("/api/v1/metrics/names", handler(p -> strings("names",
        storage.metrics().metricNames(RequestTenant.current(), p.range(null)))));
    sb.service("/api/v1/metrics/labels", handler(p -> strings("labels",
        storage.metrics().labelNames(RequestTenant.current(), p.range(null)))));
    sb.service("/api/v1/metrics/labels/{name}/values", (ctx, req) -> run(ctx, p -> strings("values",
        storage.metrics().labelValues(RequestTenant.current(), ctx.pathParam("name"), p.range(null)).stream()
            .map(v -> p.masking().labelValue(ctx.pathParam("name"), v)).distinct().toList())));
    sb.service("/api/v1/metrics/series", handler(this::series));
  }

  private HttpService handler(Function<Params, HttpResponse> body) {
    return (ctx, req) -> run(ctx, body);
  }

  /** Runs a query off the event loop and turns bad input and storage failures into JSON errors. */
  private HttpResponse run(ServiceRequestContext ctx, Function<Params, HttpResponse> body) {
    Masking shown = masking.forRequest(ctx);
    Params params = new Params(ctx.queryParams(), clock, shown);
    return HttpResponse.of(CompletableFuture.supplyAsync(() -> {
      try {
        HttpResponse answer = body.apply(params);
        masking.audit(ctx, shown);
        return answer;
      } catch (BadRequestException e) {
        return JsonResponses.error(HttpStatus.BAD_REQUEST, e.getMessage());
      } catch (IllegalArgumentException e) {
        return JsonResponses.error(HttpStatus.BAD_REQUEST, e.getMessage());
      } catch (StorageException e) {
        log.warn("query {} failed", ctx.path(), e);
        return JsonResponses.error(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
      }
    }, ctx.blockingTaskExecutor()));
  }

  private HttpResponse searchTraces(Params p) {
    TraceQuery.Builder query = TraceQuery.builder(RequestTenant.current())
        .range(p.range(SEARCH_LOOKBACK))
        .service(p.string("service"))
        .operation(p.string("operation"))
        .minDurationNanos(p.durationNanos("minDuration"))
        .maxDurationNanos(p.durationNanos("maxDuration"))
        .errorsOnly(p.bool("errors"))
        .limit(p.limit(20, 1000))
        .cursor(p.cursor());
    p.attributes().forEach(a -> query.attribute(a.key(), a.value()));
    TraceQuery q = query.build();
    Page<TraceSummary> page = storage.traces().search(q);
    TierPlan plan = plan(SignalType.TRACES, q.range());
    return ok(g -> {
      g.writeStartObject();
      TierJson.plan(g, plan);
      g.writeArrayFieldStart("traces");
      for (TraceSummary t : page.items()) {
        g.writeStartObject();
        g.writeStringField("traceId", t.traceId());
        g.writeStringField("rootService", t.rootService());
        g.writeStringField("rootName", t.rootName());
        SpanJson.nanos(g, "startTimeUnixNano", t.startNanos());
        g.writeNumberField("durationNanos", t.durationNanos());
        g.writeNumberField("spanCount", t.spanCount());
        g.writeNumberField("errorCount", t.errorCount());
        g.writeArrayFieldStart("services");
        for (String s : t.services()) g.writeString(s);
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeStringField("nextCursor", page.nextCursor());
      g.writeEndObject();
    });
  }

  private HttpResponse trace(String traceId, Masking shown) {
    if (!traceId.matches("[0-9a-fA-F]{32}")) {
      throw new BadRequestException("trace id '" + traceId + "' is not 32 hex digits");
    }
    List<StoredSpan> spans = storage.traces().trace(RequestTenant.current(), traceId);
    TierPlan plan = storage.tiers().map(t -> t.planTrace(RequestTenant.current(), traceId)).orElse(TierPlan.hotOnly());
    if (spans.isEmpty()) {
      return JsonResponses.error(HttpStatus.NOT_FOUND, "trace " + traceId.toLowerCase() + " was not found"
          + (plan.skipped().isEmpty() ? "" : "; not read: " + String.join("; ", plan.skipped())));
    }
    List<StoredLog> logs = storage.logs().search(LogQuery.builder(RequestTenant.current())
        .range(around(spans)).traceId(traceId.toLowerCase()).limit(1000).build()).items();
    return ok(g -> {
      g.writeStartObject();
      g.writeStringField("traceId", traceId.toLowerCase());
      TierJson.plan(g, plan);
      g.writeArrayFieldStart("spans");
      for (StoredSpan s : spans) SpanJson.write(g, shown.span(s));
      g.writeEndArray();
      g.writeArrayFieldStart("logs");
      for (int i = logs.size() - 1; i >= 0; i--) LogJson.write(g, shown.log(logs.get(i)));
      g.writeEndArray();
      g.writeEndObject();
    });
  }

  private HttpResponse searchLogs(Params p) {
    LogQuery.Builder b = LogQuery.builder(RequestTenant.current())
        .range(p.range(SEARCH_LOOKBACK))
        .service(p.string("service"))
        .minSeverityNumber(Severity.parse(p.string("minSeverity")))
        .bodyContains(p.string("contains"))
        .traceId(traceIdParam(p.string("traceId")))
        .limit(p.limit(100, 5000))
        .cursor(p.cursor());
    p.attributes().forEach(a -> b.attribute(a.key(), a.value()));
    LogQuery q = b.build();
    Page<StoredLog> page = storage.logs().search(q);
    TierPlan plan = plan(SignalType.LOGS, q.range());
    return ok(g -> {
      g.writeStartObject();
      TierJson.plan(g, plan);
      g.writeArrayFieldStart("logs");
      for (StoredLog l : page.items()) LogJson.write(g, p.masking().log(l));
      g.writeEndArray();
      g.writeStringField("nextCursor", page.nextCursor());
      g.writeEndObject();
    });
  }

  private TierPlan plan(SignalType signal, TimeRange range) {
    return storage.tiers().map(t -> t.plan(RequestTenant.current(), signal, range)).orElse(TierPlan.hotOnly());
  }

  /**
   * The time a trace's log records are looked for in: its spans' span, an hour either side, so
   * that the lookup reads only the tier files of those days.
   */
  private static TimeRange around(List<StoredSpan> spans) {
    long hour = 3_600_000_000_000L;
    long start = spans.stream().mapToLong(s -> s.span().getStartTimeUnixNano()).min().orElse(0);
    long end = spans.stream().mapToLong(s -> s.span().getEndTimeUnixNano()).max().orElse(0);
    return new TimeRange(Math.max(0, start - hour), end > Long.MAX_VALUE - hour ? Long.MAX_VALUE : Math.max(start, end) + hour);
  }

  private static @org.jspecify.annotations.Nullable String traceIdParam(@org.jspecify.annotations.Nullable String raw) {
    if (raw != null && !raw.matches("[0-9a-fA-F]{32}")) {
      throw new BadRequestException("traceId: '" + raw + "' is not 32 hex digits");
    }
    return raw == null ? null : raw.toLowerCase();
  }

  private HttpResponse series(Params p) {
    String match = p.string("match[]");
    if (match == null) {
      match = p.string("match");
    }
    if (match == null) {
      throw new BadRequestException("match[]: a series selector is required, e.g. match[]=http_requests{route=\"/a\"}");
    }
    List<LabelMatcher> matchers = SeriesSelector.parse(match);
    List<StoredSeries> series = storage.metrics().series(
        new SeriesQuery(RequestTenant.current(), matchers, p.range(SEARCH_LOOKBACK), p.limit(1000, 10_000)));
    return ok(g -> {
      g.writeStartObject();
      g.writeArrayFieldStart("series");
      for (StoredSeries s : series) SeriesJson.write(g, s, p.masking());
      g.writeEndArray();
      g.writeEndObject();
    });
  }

  private static HttpResponse strings(String field, List<String> values) {
    return ok(g -> {
      g.writeStartObject();
      g.writeArrayFieldStart(field);
      for (String v : values) g.writeString(v);
      g.writeEndArray();
      g.writeEndObject();
    });
  }
}
