package dev.sightline.server.api.alerting;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.sightline.alerting.ActiveAlert;
import dev.sightline.alerting.Backtest;
import dev.sightline.receivers.RequestTenant;
import org.jspecify.annotations.Nullable;
import dev.sightline.alerting.GroupRunner;
import dev.sightline.alerting.RuleFiles;
import dev.sightline.alerting.RuleManager;
import dev.sightline.alerting.rules.RuleFileException;
import dev.sightline.alerting.rules.RuleGroup;
import dev.sightline.security.audit.AuditOutcome;
import dev.sightline.server.auth.AuditTrail;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code GET /api/v1/rules} and {@code GET /api/v1/alerts} as Prometheus answers them (so Grafana
 * shows Sightline's rules and alerts), the rule files behind them, and
 * {@code POST /api/v1/rules/backtest}, which runs a rule file over stored history.
 */
public final class RulesApi {
  private static final JsonFactory JSON = new JsonFactory();
  private static final long MAX_BACKTEST_EVALUATIONS = 100_000;
  private final RuleManager rules;
  private final RuleFiles files;
  private final Runnable reload;
  private final AuditTrail audit;
  private final String operatorTenant;

  /** {@code reload} reads the rule files again and puts them in force. */
  public RulesApi(RuleManager rules, RuleFiles files, Runnable reload, AuditTrail audit, String operatorTenant) {
    this.rules = rules;
    this.files = files;
    this.reload = reload;
    this.audit = audit;
    this.operatorTenant = operatorTenant;
  }

  /** The tenant whose rule files the request works on: null for the operator's, which may hold any tenant's groups. */
  private @Nullable String owner(ServiceRequestContext ctx) {
    String tenant = RequestTenant.of(ctx);
    return tenant.equals(operatorTenant) ? null : tenant;
  }

  public void register(ServerBuilder sb) {
    sb.route().get("/api/v1/rules").build((ctx, req) -> success(g -> {
      String type = ctx.queryParam("type");
      g.writeArrayFieldStart("groups");
      for (GroupRunner group : rules.groups(RequestTenant.of(ctx))) {
        AlertJson.group(g, group, type);
      }
      g.writeEndArray();
    }));
    sb.route().get("/api/v1/alerts").build((ctx, req) -> success(g -> {
      g.writeArrayFieldStart("alerts");
      for (ActiveAlert a : rules.alerts(RequestTenant.of(ctx))) {
        AlertJson.alert(g, a);
      }
      g.writeEndArray();
    }));
    sb.route().get("/api/v1/rules/files").build((ctx, req) -> success(g -> {
      Map<String, RuleFileException> errors = files.errors();
      g.writeArrayFieldStart("files");
      String own = RuleFiles.apiName("", owner(ctx));
      for (String name : files.names(owner(ctx))) {
        g.writeStartObject();
        g.writeStringField("name", name);
        g.writeBooleanField("editable", name.startsWith(own) && name.indexOf('/', own.length()) < 0);
        if (errors.containsKey(name)) {
          g.writeStringField("error", errors.get(name).getMessage());
        }
        g.writeEndObject();
      }
      g.writeEndArray();
    }));
    sb.route().get("/api/v1/rules/files/{name}").build((ctx, req) -> files.read(RuleFiles.apiName(ctx.pathParam("name"), owner(ctx)))
        .map(text -> HttpResponse.of(HttpStatus.OK, MediaType.parse("application/yaml"), text))
        .orElseGet(() -> error(HttpStatus.NOT_FOUND, "no rule file " + RuleFiles.apiName(ctx.pathParam("name"), owner(ctx)))));
    sb.route().methods(HttpMethod.PUT).path("/api/v1/rules/files/{name}").build((ctx, req) -> withBody(ctx, req, text -> {
      try {
        files.put(ctx.pathParam("name"), text, owner(ctx));
      } catch (RuleFileException e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage());
      } catch (IllegalArgumentException e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage());
      }
      reload.run();
      String shown = RuleFiles.apiName(ctx.pathParam("name"), owner(ctx));
      audit.record(ctx, "rules.change", shown, AuditOutcome.ALLOWED, Map.of("bytes", Integer.toString(text.length())));
      return success(g -> g.writeStringField("file", shown));
    }));
    sb.route().methods(HttpMethod.DELETE).path("/api/v1/rules/files/{name}").build((ctx, req) -> {
      try {
        if (!files.delete(ctx.pathParam("name"), owner(ctx))) {
          return error(HttpStatus.NOT_FOUND, "no rule file " + RuleFiles.apiName(ctx.pathParam("name"), owner(ctx)));
        }
      } catch (IllegalArgumentException e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage());
      }
      reload.run();
      String shown = RuleFiles.apiName(ctx.pathParam("name"), owner(ctx));
      audit.record(ctx, "rules.delete", shown, AuditOutcome.ALLOWED, Map.of());
      return success(g -> g.writeStringField("deleted", shown));
    });
    sb.route().post("/api/v1/rules/validate").build((ctx, req) -> withBody(ctx, req, text -> {
      try {
        List<RuleGroup> groups = files.validate("request", text, owner(ctx));
        return success(g -> {
          g.writeNumberField("groups", groups.size());
          g.writeNumberField("rules", groups.stream().mapToInt(gr -> gr.rules().size()).sum());
        });
      } catch (RuleFileException e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage());
      }
    }));
    sb.route().post("/api/v1/rules/backtest").build((ctx, req) -> withBody(ctx, req, text -> backtest(ctx, text)));
  }

  private HttpResponse backtest(ServiceRequestContext ctx, String text) {
    try {
      Instant start = time("start", ctx.queryParam("start"));
      Instant end = time("end", ctx.queryParam("end"));
      Backtest.Result result = Backtest.run(files.validate("request", text, owner(ctx)), rules.conditions(), start, end,
          MAX_BACKTEST_EVALUATIONS);
      return success(g -> {
        g.writeNumberField("evaluations", result.evaluations());
        g.writeArrayFieldStart("firings");
        for (Backtest.Firing f : result.firings()) {
          g.writeStartObject();
          AlertJson.strings(g, "labels", f.labels());
          g.writeStringField("activeAt", f.activeAt().toString());
          g.writeStringField("firedAt", f.firedAt().toString());
          if (f.resolvedAt() != null) {
            g.writeStringField("resolvedAt", f.resolvedAt().toString());
          } else {
            g.writeNullField("resolvedAt");
          }
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("errors");
        for (String e : result.errors()) {
          g.writeString(e);
        }
        g.writeEndArray();
      });
    } catch (RuleFileException e) {
      return error(HttpStatus.BAD_REQUEST, e.getMessage());
    } catch (IllegalArgumentException e) {
      return error(HttpStatus.BAD_REQUEST, e.getMessage());
    }
  }

  static Instant time(String name, String raw) {
    if (raw == null || raw.isBlank()) {
      throw new IllegalArgumentException(name + ": required, as RFC 3339 or Unix seconds");
    }
    try {
      return Instant.ofEpochMilli(new BigDecimal(raw).movePointRight(3).longValue());
    } catch (NumberFormatException e) {
      try {
        return OffsetDateTime.parse(raw).toInstant();
      } catch (DateTimeParseException e2) {
        throw new IllegalArgumentException(name + ": '" + raw + "' is not RFC 3339 or Unix seconds");
      }
    }
  }

  private static HttpResponse withBody(ServiceRequestContext ctx, com.linecorp.armeria.common.HttpRequest req,
      Function<String, HttpResponse> handler) {
    return HttpResponse.of(req.aggregate().thenApply(ctx.makeContextAware(
        (AggregatedHttpRequest agg) -> handler.apply(agg.contentUtf8()))));
  }

  interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  /** {@code {"status":"success","data":{...}}}, the Prometheus API's envelope. */
  static HttpResponse success(Body data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("status", "success");
      g.writeObjectFieldStart("data");
      data.write(g);
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return HttpResponse.of(HttpStatus.OK, MediaType.JSON_UTF_8, out.toByteArray());
  }

  static HttpResponse error(HttpStatus status, String message) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("status", "error");
      g.writeStringField("errorType", status == HttpStatus.NOT_FOUND ? "not_found" : "bad_data");
      g.writeStringField("error", message);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return HttpResponse.of(status, MediaType.JSON_UTF_8, out.toByteArray());
  }
}
