package dev.sightline.server.api;

import static dev.sightline.server.api.CompatParams.limit;
import static dev.sightline.server.api.CompatParams.longParam;
import static dev.sightline.server.api.CompatParams.optional;
import static dev.sightline.server.api.CompatParams.required;
import static dev.sightline.server.api.CompatParams.traceId;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.sightline.query.promql.PromqlEngine;
import dev.sightline.receivers.RequestTenant;
import dev.sightline.storage.Operation;
import dev.sightline.storage.Storage;
import dev.sightline.storage.StoredSpan;
import dev.sightline.storage.TimeRange;
import dev.sightline.storage.TraceQuery;
import dev.sightline.storage.TraceSummary;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The Zipkin v2 query API under {@code /zipkin/api/v2} ({@code services}, {@code spans},
 * {@code remoteServices}, {@code traces}, {@code trace/{id}}, {@code traceMany},
 * {@code dependencies}, {@code autocompleteKeys}, {@code autocompleteValues}), so that Grafana's
 * Zipkin data source and the Zipkin UI read from Sightline. Same storage, tenant, permissions and
 * masking as the REST API; errors as Zipkin answers them, status and a plain-text reason.
 */
public final class ZipkinQueryApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int DEFAULT_LIMIT = 10;
  private static final int MAX_LIMIT = 1000;
  private final Storage storage;
  private final ServiceDependencies dependencies;
  private final Clock clock;
  private final QueryMasking masking;

  private interface Handler {
    HttpResponse handle(ServiceRequestContext ctx, Masking shown) throws IOException;
  }

  public ZipkinQueryApi(Storage storage, @Nullable PromqlEngine engine, Clock clock, QueryMasking masking) {
    this.storage = storage;
    this.dependencies = new ServiceDependencies(engine);
    this.clock = clock;
    this.masking = masking;
  }

  public void register(ServerBuilder sb) {
    String base = "/zipkin/api/v2/";
    sb.route().get(base + "services").build((ctx, req) -> run(ctx, (c, m) -> json(storage.traces().services(tenant()))));
    sb.route().get(base + "spans").build((ctx, req) -> run(ctx, (c, m) -> json(storage.traces()
        .operations(tenant(), required(c, "serviceName")).stream().map(Operation::name).distinct().toList())));
    sb.route().get(base + "remoteServices").build((ctx, req) -> run(ctx, this::remoteServices));
    sb.route().get(base + "traces").build((ctx, req) -> run(ctx, this::traces));
    sb.route().get(base + "trace/{traceId}").build((ctx, req) -> run(ctx, this::trace));
    sb.route().get(base + "traceMany").build((ctx, req) -> run(ctx, this::traceMany));
    sb.route().get(base + "dependencies").build((ctx, req) -> run(ctx, this::dependencies));
    // No keys are configured for autocompletion: Zipkin's answer then is an empty list.
    sb.route().get(base + "autocompleteKeys").build((ctx, req) -> run(ctx, (c, m) -> json(List.of())));
    sb.route().get(base + "autocompleteValues").build((ctx, req) -> run(ctx, (c, m) -> {
      required(c, "key");
      return json(List.of());
    }));
  }

  private static String tenant() {
    return RequestTenant.current();
  }

  private HttpResponse run(ServiceRequestContext ctx, Handler handler) {
    return HttpResponse.of(CompletableFuture.supplyAsync(() -> MaskedQuery.answer(ctx, masking,
        (status, message) -> HttpResponse.of(status, MediaType.PLAIN_TEXT_UTF_8, message),
        shown -> handler.handle(ctx, shown)), ctx.blockingTaskExecutor()));
  }


  private HttpResponse remoteServices(ServiceRequestContext ctx, Masking shown) throws IOException {
    String service = required(ctx, "serviceName");
    return json(dependencies.between(tenant(), clock.millis(), Duration.ofDays(1).toMillis()).stream()
        .filter(e -> e.parent().equals(service)).map(ServiceDependencies.Edge::child).distinct().toList());
  }

  private HttpResponse traces(ServiceRequestContext ctx, Masking shown) throws IOException {
    long endMs = longParam(ctx, "endTs", clock.millis());
    long lookbackMs = longParam(ctx, "lookback", Duration.ofDays(1).toMillis());
    TraceQuery.Builder q = TraceQuery.builder(tenant())
        .range(new TimeRange(Math.max(0, endMs - lookbackMs) * 1_000_000L, endMs * 1_000_000L))
        .service(optional(ctx, "serviceName")).limit(limit(ctx, DEFAULT_LIMIT, MAX_LIMIT));
    String spanName = optional(ctx, "spanName");
    if (spanName != null && !spanName.equals("all")) {
      q.operation(spanName);
    }
    Long min = micros(ctx, "minDuration");
    Long max = micros(ctx, "maxDuration");
    q.minDurationNanos(min == null ? null : min * 1000).maxDurationNanos(max == null ? null : max * 1000);
    String annotations = optional(ctx, "annotationQuery");
    if (annotations != null) {
      for (String term : annotations.split("\\s+and\\s+")) {
        int eq = term.indexOf('=');
        if (eq > 0) {
          q.attribute(term.substring(0, eq).trim(), term.substring(eq + 1).trim());
        } else if (term.trim().equals("error")) {
          q.errorsOnly(true);
        } else if (!term.isBlank()) {
          throw new BadRequestException("annotationQuery: '" + term.trim() + "' is not supported; use key=value or error");
        }
      }
    }
    List<List<StoredSpan>> traces = new ArrayList<>();
    for (TraceSummary t : storage.traces().search(q.build()).items()) {
      List<StoredSpan> spans = storage.traces().trace(tenant(), t.traceId());
      if (!spans.isEmpty()) {
        traces.add(spans.stream().map(shown::span).toList());
      }
    }
    return traceList(traces);
  }

  private HttpResponse trace(ServiceRequestContext ctx, Masking shown) throws IOException {
    String id = traceId(ctx.pathParam("traceId"));
    List<StoredSpan> spans = storage.traces().trace(tenant(), id);
    if (spans.isEmpty()) {
      return HttpResponse.of(HttpStatus.NOT_FOUND, MediaType.PLAIN_TEXT_UTF_8, "trace " + id + " not found");
    }
    return JsonResponses.of(HttpStatus.OK, g -> ZipkinJson.spans(g, spans.stream().map(shown::span).toList()));
  }

  private HttpResponse traceMany(ServiceRequestContext ctx, Masking shown) throws IOException {
    List<List<StoredSpan>> traces = new ArrayList<>();
    for (String raw : required(ctx, "traceIds").split(",")) {
      List<StoredSpan> spans = storage.traces().trace(tenant(), traceId(raw.trim()));
      if (!spans.isEmpty()) {
        traces.add(spans.stream().map(shown::span).toList());
      }
    }
    return traceList(traces);
  }

  private HttpResponse dependencies(ServiceRequestContext ctx, Masking shown) throws IOException {
    long endMs = longParam(ctx, "endTs", clock.millis());
    long lookbackMs = longParam(ctx, "lookback", Duration.ofDays(1).toMillis());
    List<Map<String, Object>> out = new ArrayList<>();
    for (ServiceDependencies.Edge e : dependencies.between(tenant(), endMs, lookbackMs)) {
      Map<String, Object> link = new LinkedHashMap<>();
      link.put("parent", e.parent());
      link.put("child", e.child());
      link.put("callCount", e.calls());
      if (e.errors() > 0) {
        link.put("errorCount", e.errors());
      }
      out.add(link);
    }
    return json(out);
  }

  private static @Nullable Long micros(ServiceRequestContext ctx, String name) {
    String raw = optional(ctx, name);
    return raw == null ? null : longParam(ctx, name, 0);
  }

  private static HttpResponse traceList(List<List<StoredSpan>> traces) {
    return JsonResponses.of(HttpStatus.OK, g -> {
      g.writeStartArray();
      for (List<StoredSpan> spans : traces) {
        ZipkinJson.spans(g, spans);
      }
      g.writeEndArray();
    });
  }

  private static HttpResponse json(Object value) throws IOException {
    return HttpResponse.of(HttpStatus.OK, MediaType.JSON_UTF_8, JSON.writeValueAsBytes(value));
  }
}
