package dev.sightline.server.api.prometheus;

import dev.sightline.server.api.Masking;
import dev.sightline.server.api.QueryMasking;
import dev.sightline.receivers.RequestTenant;
import com.fasterxml.jackson.core.JsonGenerator;
import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.QueryParams;
import com.linecorp.armeria.common.QueryParamsBuilder;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.sightline.query.promql.Expr;
import dev.sightline.query.promql.PromqlException;
import dev.sightline.query.promql.PromqlParser;
import dev.sightline.query.promql.VectorSelector;
import dev.sightline.storage.ExemplarReader;
import dev.sightline.storage.ExemplarSeries;
import dev.sightline.storage.LabelMatcher;
import dev.sightline.storage.MetricMetadata;
import dev.sightline.storage.MetricMetadataReader;
import dev.sightline.storage.SampleReader;
import dev.sightline.storage.StorageException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metadata endpoints of the Prometheus HTTP API over the sample store: {@code series},
 * {@code labels}, {@code label/<name>/values} and {@code status/buildinfo}; GET and POST.
 * {@link QueryEndpoints} serves the PromQL ones.
 */
public final class PrometheusApi {
  private static final Logger log = LoggerFactory.getLogger(PrometheusApi.class);
  /** The Prometheus version whose API this one follows; Grafana enables features by it. */
  static final String COMPATIBLE_VERSION = "2.42.0";
  private static final int MAX_SERIES = 100_000;
  private final SampleReader samples;
  private final QueryEndpoints queries;
  private final MetricMetadataReader metadata;
  private final ExemplarReader exemplars;
  private final QueryMasking masking;

  public PrometheusApi(SampleReader samples, MetricMetadataReader metadata, ExemplarReader exemplars,
      QueryEndpoints queries, QueryMasking masking) {
    this.samples = samples;
    this.metadata = metadata;
    this.exemplars = exemplars;
    this.queries = queries;
    this.masking = masking;
  }

  public void register(ServerBuilder sb) {
    sb.service("/api/v1/query", handler(queries::instant));
    sb.service("/api/v1/query_range", handler(queries::range));
    sb.service("/api/v1/series", handler(this::series));
    sb.service("/api/v1/labels", handler(this::labels));
    sb.service("/api/v1/label/{name}/values", (ctx, req) -> handle(ctx, req, p -> labelValues(ctx.pathParam("name"), p)));
    sb.service("/api/v1/metadata", handler(this::metadata));
    sb.service("/api/v1/query_exemplars", handler(this::exemplars));
    sb.service("/api/v1/status/buildinfo", handler(p -> PromJson.success(g -> {
      g.writeStartObject();
      g.writeStringField("version", COMPATIBLE_VERSION);
      g.writeStringField("application", "sightline");
      g.writeStringField("revision", "");
      g.writeStringField("branch", "");
      g.writeStringField("buildUser", "");
      g.writeStringField("buildDate", "");
      g.writeStringField("goVersion", "");
      g.writeEndObject();
    })));
  }

  private HttpService handler(Function<PromParams, HttpResponse> body) {
    return (ctx, req) -> handle(ctx, req, body);
  }

  /** Reads the query string and a form body, then answers off the event loop. */
  private HttpResponse handle(ServiceRequestContext ctx, com.linecorp.armeria.common.HttpRequest req,
      Function<PromParams, HttpResponse> body) {
    return HttpResponse.of(req.aggregate().thenApplyAsync((AggregatedHttpRequest agg) -> {
      try {
        Masking shown = masking.forRequest(ctx);
        HttpResponse answer = body.apply(new PromParams(params(ctx, agg), shown));
        masking.audit(ctx, shown);
        return answer;
      } catch (ApiError e) {
        return PromJson.error(e);
      } catch (PromqlException e) {
        return PromJson.error(QueryEndpoints.toApiError(e));
      } catch (StorageException e) {
        log.warn("Prometheus API {} failed", ctx.path(), e);
        return PromJson.error(new ApiError("execution", HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage()));
      } catch (IllegalArgumentException e) {
        return PromJson.error(ApiError.badData(e.getMessage()));
      }
    }, ctx.blockingTaskExecutor()));
  }

  private static QueryParams params(ServiceRequestContext ctx, AggregatedHttpRequest agg) {
    MediaType type = agg.contentType();
    if (type == null || !type.is(MediaType.FORM_DATA) || agg.content().isEmpty()) {
      return ctx.queryParams();
    }
    QueryParamsBuilder b = ctx.queryParams().toBuilder();
    QueryParams.fromQueryString(agg.contentUtf8()).forEach((String name, String value) -> b.add(name, value));
    return b.build();
  }

  /** The matchers of each {@code match[]} selector. */
  static List<List<LabelMatcher>> selectors(PromParams p, boolean required) {
    List<String> raw = p.all("match[]");
    if (raw.isEmpty() && required) {
      throw ApiError.badData("no match[] parameter provided");
    }
    List<List<LabelMatcher>> out = new ArrayList<>();
    for (String m : raw) {
      Expr e;
      try {
        e = PromqlParser.parse(m);
      } catch (PromqlException ex) {
        throw ApiError.badData("invalid parameter \"match[]\": " + ex.getMessage());
      }
      if (!(e instanceof VectorSelector vs)) {
        throw ApiError.badData("invalid parameter \"match[]\": expected a series selector such as up{job=\"api\"}, got \"" + m + "\"");
      }
      out.add(vs.matchers());
    }
    return out;
  }

  private HttpResponse series(PromParams p) {
    List<List<LabelMatcher>> selectors = selectors(p, true);
    long start = p.time("start", PromParams.MIN_TIME_MS);
    long end = p.time("end", PromParams.MAX_TIME_MS);
    int limit = limit(p);
    Set<Map<String, String>> found = new LinkedHashSet<>();
    for (List<LabelMatcher> m : selectors) {
      found.addAll(samples.series(RequestTenant.current(), m, start, end, limit));
    }
    return PromJson.success(g -> {
      g.writeStartArray();
      int n = 0;
      for (Map<String, String> labels : found) {
        if (n++ >= limit) {
          break;
        }
        PromJson.labels(g, new java.util.TreeMap<>(labels), p.masking());
      }
      g.writeEndArray();
    });
  }

  private HttpResponse labels(PromParams p) {
    List<List<LabelMatcher>> selectors = selectors(p, false);
    long start = p.time("start", PromParams.MIN_TIME_MS);
    long end = p.time("end", PromParams.MAX_TIME_MS);
    Set<String> names = new TreeSet<>();
    if (selectors.isEmpty()) {
      names.addAll(samples.labelNames(RequestTenant.current(), List.of(), start, end));
    }
    for (List<LabelMatcher> m : selectors) {
      names.addAll(samples.labelNames(RequestTenant.current(), m, start, end));
    }
    return strings(names);
  }

  private HttpResponse labelValues(String name, PromParams p) {
    List<List<LabelMatcher>> selectors = selectors(p, false);
    long start = p.time("start", PromParams.MIN_TIME_MS);
    long end = p.time("end", PromParams.MAX_TIME_MS);
    Set<String> values = new TreeSet<>();
    if (selectors.isEmpty()) {
      values.addAll(samples.labelValues(RequestTenant.current(), name, List.of(), start, end));
    }
    for (List<LabelMatcher> m : selectors) {
      values.addAll(samples.labelValues(RequestTenant.current(), name, m, start, end));
    }
    Set<String> shown = new TreeSet<>();
    values.forEach(v -> shown.add(p.masking().labelValue(name, v)));
    return strings(shown);
  }

  /** Exemplars of every series any selector of {@code query} matches, in Prometheus's shape. */
  private HttpResponse exemplars(PromParams p) {
    Expr expr = PromqlParser.parse(p.required("query"));
    long start = p.time("start", PromParams.MIN_TIME_MS);
    long end = p.time("end", PromParams.MAX_TIME_MS);
    if (end < start) {
      throw ApiError.badData("end timestamp must not be before start timestamp");
    }
    Map<Map<String, String>, ExemplarSeries> found = new java.util.LinkedHashMap<>();
    for (VectorSelector s : SelectorsOf.of(expr)) {
      for (ExemplarSeries e : exemplars.exemplars(RequestTenant.current(), s.matchers(), start, end, MAX_SERIES)) {
        found.putIfAbsent(e.seriesLabels(), e);
      }
    }
    return PromJson.success(g -> {
      g.writeStartArray();
      for (ExemplarSeries e : found.values()) {
        g.writeStartObject();
        g.writeFieldName("seriesLabels");
        PromJson.labels(g, new java.util.TreeMap<>(e.seriesLabels()), p.masking());
        g.writeArrayFieldStart("exemplars");
        for (ExemplarSeries.Exemplar x : e.exemplars()) {
          g.writeStartObject();
          g.writeFieldName("labels");
          PromJson.labels(g, new java.util.TreeMap<>(x.labels()), p.masking());
          g.writeStringField("value", PromJson.value(x.value()));
          g.writeFieldName("timestamp");
          PromJson.time(g, x.timestampMs());
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
    });
  }

  private HttpResponse metadata(PromParams p) {
    String metric = p.get("metric");
    int limit = limit(p);
    Map<String, List<MetricMetadata>> found = metadata.metadata(RequestTenant.current(), metric == null || metric.isEmpty() ? null : metric, limit);
    return PromJson.success(g -> {
      g.writeStartObject();
      for (Map.Entry<String, List<MetricMetadata>> e : found.entrySet()) {
        g.writeArrayFieldStart(e.getKey());
        for (MetricMetadata m : e.getValue()) {
          g.writeStartObject();
          g.writeStringField("type", m.type());
          g.writeStringField("help", m.help());
          g.writeStringField("unit", m.unit());
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      g.writeEndObject();
    });
  }

  private static int limit(PromParams p) {
    String raw = p.get("limit");
    if (raw == null || raw.isEmpty() || raw.equals("0")) {
      return MAX_SERIES;
    }
    try {
      int v = Integer.parseInt(raw);
      if (v < 0) {
        throw new NumberFormatException();
      }
      return Math.min(v, MAX_SERIES);
    } catch (NumberFormatException e) {
      throw ApiError.badData("invalid parameter \"limit\": cannot parse \"" + raw + "\" to a valid limit");
    }
  }

  private static HttpResponse strings(Set<String> values) {
    return PromJson.success((JsonGenerator g) -> {
      g.writeStartArray();
      for (String v : values) {
        g.writeString(v);
      }
      g.writeEndArray();
    });
  }

}
