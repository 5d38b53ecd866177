package dev.sightline.server.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.QueryParams;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.sightline.query.logql.LogLine;
import dev.sightline.query.logql.LogqlEngine;
import dev.sightline.query.logql.LogqlExpr;
import dev.sightline.query.logql.LogqlParser;
import dev.sightline.receivers.RequestTenant;
import dev.sightline.storage.LabelMatcher;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * The Loki query API under {@code /loki/api/v1} ({@code query_range}, {@code query},
 * {@code labels}, {@code label/<name>/values}, {@code series}) with the LogQL subset of
 * {@link LogqlParser}, so that Grafana's Loki data source reads logs from Sightline. Same storage,
 * tenant, permissions and masking as the REST log search; errors as Loki answers them, 400 with
 * the reason as text.
 */
public final class LokiQueryApi {
  private static final Duration DEFAULT_RANGE = Duration.ofHours(6);
  private static final int MAX_LIMIT = 5000;
  private final LogqlEngine engine;
  private final Clock clock;
  private final QueryMasking masking;

  private interface Handler {
    HttpResponse handle(ServiceRequestContext ctx, QueryParams p, Masking shown) throws IOException;
  }

  public LokiQueryApi(LogqlEngine engine, Clock clock, QueryMasking masking) {
    this.engine = engine;
    this.clock = clock;
    this.masking = masking;
  }

  public void register(ServerBuilder sb) {
    String base = "/loki/api/v1/";
    sb.route().methods(HttpMethod.GET, HttpMethod.POST).path(base + "query_range").build((ctx, req) -> run(ctx, req, this::queryRange));
    sb.route().methods(HttpMethod.GET, HttpMethod.POST).path(base + "query").build((ctx, req) -> run(ctx, req, this::instant));
    sb.route().get(base + "labels").build((ctx, req) -> run(ctx, req, (c, p, m) -> labels(p, null, m)));
    sb.route().get(base + "label/{name}/values").build((ctx, req) -> run(ctx, req, (c, p, m) -> labels(p, c.pathParam("name"), m)));
    sb.route().methods(HttpMethod.GET, HttpMethod.POST).path(base + "series").build((ctx, req) -> run(ctx, req, this::series));
  }

  private HttpResponse run(ServiceRequestContext ctx, com.linecorp.armeria.common.HttpRequest req, Handler handler) {
    return HttpResponse.of(req.aggregate().thenApplyAsync((AggregatedHttpRequest agg) -> {
      QueryParams p = ctx.queryParams();
      MediaType type = agg.contentType();
      if (type != null && type.is(MediaType.FORM_DATA)) {
        p = p.toBuilder().add(QueryParams.fromQueryString(agg.contentUtf8())).build();
      }
      QueryParams params = p;
      return MaskedQuery.answer(ctx, masking, (status, message) -> HttpResponse.of(status, MediaType.PLAIN_TEXT_UTF_8, message),
          shown -> handler.handle(ctx, params, shown));
    }, ctx.blockingTaskExecutor()));
  }

  private HttpResponse queryRange(ServiceRequestContext ctx, QueryParams p, Masking shown) {
    LogqlExpr e = LogqlParser.parse(required(p, "query"));
    long endNs = time(p.get("end"), "end", nowNs());
    long startNs = time(p.get("start"), "start", endNs - DEFAULT_RANGE.toNanos());
    if (endNs < startNs) {
      throw new BadRequestException("end is before start");
    }
    if (e instanceof LogqlExpr.LogQuery q) {
      return streams(engine.logs(RequestTenant.current(), q, startNs, endNs, limit(p), "forward".equals(p.get("direction"))),
          shown);
    }
    long stepMs = step(p.get("step"), startNs, endNs);
    return matrix(engine.metric(RequestTenant.current(), e, startNs / 1_000_000, endNs / 1_000_000, stepMs), shown, false);
  }

  private HttpResponse instant(ServiceRequestContext ctx, QueryParams p, Masking shown) {
    LogqlExpr e = LogqlParser.parse(required(p, "query"));
    if (e instanceof LogqlExpr.LogQuery) {
      throw new BadRequestException("log queries are not supported as an instant query; use query_range");
    }
    long atMs = time(p.get("time"), "time", nowNs()) / 1_000_000;
    return matrix(engine.metric(RequestTenant.current(), e, atMs, atMs, 1000), shown, true);
  }

  private HttpResponse labels(QueryParams p, String name, Masking shown) throws IOException {
    long endNs = time(p.get("end"), "end", nowNs());
    long startNs = time(p.get("start"), "start", endNs - DEFAULT_RANGE.toNanos());
    List<LabelMatcher> matchers = p.get("query") == null ? List.of(new LabelMatcher("service_name", LabelMatcher.Op.RE, ".+"))
        : selector(p.get("query"));
    TreeSet<String> out = new TreeSet<>();
    for (Map<String, String> labels : engine.series(RequestTenant.current(), matchers, startNs, endNs)) {
      if (name == null) {
        out.addAll(labels.keySet());
      } else if (labels.containsKey(name)) {
        out.add(shown.labelValue(name, labels.get(name)));
      }
    }
    return JsonResponses.of(HttpStatus.OK, g -> {
      g.writeStartObject();
      g.writeStringField("status", "success");
      g.writeArrayFieldStart("data");
      for (String s : out) {
        g.writeString(s);
      }
      g.writeEndArray();
      g.writeEndObject();
    });
  }

  private HttpResponse series(ServiceRequestContext ctx, QueryParams p, Masking shown) {
    List<String> selectors = p.getAll("match[]").isEmpty() ? p.getAll("match") : p.getAll("match[]");
    if (selectors.isEmpty()) {
      throw new BadRequestException("match[]: at least one stream selector such as {service_name=\"shop\"} is required");
    }
    long endNs = time(p.get("end"), "end", nowNs());
    long startNs = time(p.get("start"), "start", endNs - DEFAULT_RANGE.toNanos());
    List<Map<String, String>> found = new ArrayList<>();
    for (String s : selectors) {
      for (Map<String, String> labels : engine.series(RequestTenant.current(), selector(s), startNs, endNs)) {
        if (!found.contains(labels)) {
          found.add(labels);
        }
      }
    }
    return JsonResponses.of(HttpStatus.OK, g -> {
      g.writeStartObject();
      g.writeStringField("status", "success");
      g.writeArrayFieldStart("data");
      for (Map<String, String> labels : found) {
        labels(g, labels, shown);
      }
      g.writeEndArray();
      g.writeEndObject();
    });
  }

  private static List<LabelMatcher> selector(String text) {
    if (!(LogqlParser.parse(text) instanceof LogqlExpr.LogQuery q) || !q.stages().isEmpty()) {
      throw new BadRequestException("'" + text + "' is not a stream selector such as {service_name=\"shop\"}");
    }
    return q.matchers();
  }

  private static HttpResponse streams(LogqlEngine.Streams result, Masking shown) {
    return envelope("streams", g -> {
      for (LogqlEngine.Stream s : result.streams()) {
        g.writeStartObject();
        g.writeFieldName("stream");
        labels(g, s.labels(), shown);
        g.writeArrayFieldStart("values");
        for (LogLine l : s.lines()) {
          g.writeStartArray();
          g.writeString(Long.toString(l.timeNanos()));
          g.writeString(shown.line(l.line()));
          g.writeEndArray();
        }
        g.writeEndArray();
        g.writeEndObject();
      }
    }, result.truncated());
  }

  private static HttpResponse matrix(LogqlEngine.Matrix m, Masking shown, boolean vector) {
    return envelope(vector ? "vector" : "matrix", g -> {
      for (LogqlEngine.Series s : m.series()) {
        if (vector && Double.isNaN(s.values()[0])) {
          continue;
        }
        g.writeStartObject();
        g.writeFieldName("metric");
        labels(g, s.labels(), shown);
        if (vector) {
          g.writeFieldName("value");
          point(g, m.startMs(), s.values()[0]);
        } else {
          g.writeArrayFieldStart("values");
          for (int i = 0; i < m.steps(); i++) {
            if (!Double.isNaN(s.values()[i])) {
              point(g, m.startMs() + i * m.stepMs(), s.values()[i]);
            }
          }
          g.writeEndArray();
        }
        g.writeEndObject();
      }
    }, m.truncated());
  }

  private static void point(JsonGenerator g, long ms, double v) throws IOException {
    g.writeStartArray();
    g.writeNumber(BigDecimal.valueOf(ms).movePointLeft(3));
    g.writeString(v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v));
    g.writeEndArray();
  }

  private static void labels(JsonGenerator g, Map<String, String> labels, Masking shown) throws IOException {
    g.writeStartObject();
    for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
      g.writeStringField(e.getKey(), shown.labelValue(e.getKey(), e.getValue()));
    }
    g.writeEndObject();
  }

  private interface Result {
    void write(JsonGenerator g) throws IOException;
  }

  private static HttpResponse envelope(String type, Result result, boolean truncated) {
    return JsonResponses.of(HttpStatus.OK, g -> {
      g.writeStartObject();
      g.writeStringField("status", "success");
      g.writeObjectFieldStart("data");
      g.writeStringField("resultType", type);
      g.writeArrayFieldStart("result");
      result.write(g);
      g.writeEndArray();
      g.writeObjectFieldStart("stats");
      g.writeBooleanField("truncated", truncated);
      g.writeEndObject();
      g.writeEndObject();
      g.writeEndObject();
    });
  }

  private long nowNs() {
    Instant now = clock.instant();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  private static String required(QueryParams p, String name) {
    String v = p.get(name);
    if (v == null || v.isBlank()) {
      throw new BadRequestException("parameter '" + name + "' is required");
    }
    return v;
  }

  private static int limit(QueryParams p) {
    String raw = p.get("limit");
    if (raw == null || raw.isBlank()) {
      return 100;
    }
    try {
      int n = Integer.parseInt(raw.trim());
      if (n < 1) {
        throw new BadRequestException("limit: must be at least 1");
      }
      return Math.min(n, MAX_LIMIT);
    } catch (NumberFormatException e) {
      throw new BadRequestException("limit: '" + raw + "' is not an integer");
    }
  }

  /** A time as Loki takes it: Unix nanoseconds, Unix seconds (with a fraction) or RFC 3339. */
  static long time(String raw, String name, long otherwise) {
    if (raw == null || raw.isBlank()) {
      return otherwise;
    }
    String t = raw.trim();
    try {
      BigDecimal n = new BigDecimal(t);
      // Loki reads integers above 1e12 as nanoseconds... and seconds below.
      return n.compareTo(BigDecimal.valueOf(1_000_000_000_000L)) > 0 && t.indexOf('.') < 0 ? n.longValueExact()
          : n.movePointRight(9).longValue();
    } catch (NumberFormatException | ArithmeticException e) {
      try {
        Instant i = Instant.parse(t);
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
      } catch (DateTimeParseException e2) {
        throw new BadRequestException(name + ": '" + raw + "' is not Unix nanoseconds, Unix seconds or RFC 3339");
      }
    }
  }

  /** {@code step} as a duration ({@code 15s}) or seconds; by default the range over 250 points, at least a second. */
  private static long step(String raw, long startNs, long endNs) {
    if (raw == null || raw.isBlank()) {
      return Math.max(1000, (endNs - startNs) / 1_000_000 / 250 / 1000 * 1000);
    }
    try {
      return new BigDecimal(raw.trim()).movePointRight(3).longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      return Params.parseDuration("step", raw).toMillis();
    }
  }
}
