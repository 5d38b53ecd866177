package dev.sightline.server.limits;

import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestContext;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.DecoratingHttpServiceFunction;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.sightline.pipeline.SelfMetrics;
import dev.sightline.receivers.RequestTenant;
import dev.sightline.receivers.otlp.IngestQuota;
import dev.sightline.security.auth.Principal;
import dev.sightline.server.auth.AuthDecorator;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Semaphore;
import org.jspecify.annotations.Nullable;

/**
 * Applies {@link RateLimits} to each caller (its principal; the client address when authentication
 * is off) and to each tenant: over a limit the request is answered 429 with {@code Retry-After},
 * which every shipper and SDK treats as "retry later" (gRPC: RESOURCE_EXHAUSTED). Runs after
 * authentication, so a refused caller spends nothing. Items a second are counted once a request
 * is decoded, through {@link IngestQuota}, also for the socket receivers (tenant limits only).
 */
public final class RateLimitDecorator implements DecoratingHttpServiceFunction, IngestQuota {
  private final RateLimits limits;
  private final Clock clock;
  private final SelfMetrics metrics;
  private final Scope callers;
  private final Scope tenants;

  public RateLimitDecorator(RateLimits limits, Clock clock, SelfMetrics metrics) {
    this.limits = limits;
    this.clock = clock;
    this.metrics = metrics;
    this.callers = new Scope("caller", limits.perCaller());
    this.tenants = new Scope("tenant", limits.perTenant());
  }

  private record Subject(Scope scope, String name) {}

  @Override
  public HttpResponse serve(HttpService delegate, ServiceRequestContext ctx, HttpRequest req) throws Exception {
    if (!limits.any() || ctx.path().equals("/health") || ctx.path().equals("/ready")) {
      return delegate.serve(ctx, req);
    }
    long now = clock.millis();
    List<Subject> subjects = subjects(ctx);
    for (Subject s : subjects) {
      long wait = s.scope().requests.take(s.name(), 1, now);
      if (wait > 0) {
        return refuse(req, s, "requests", wait);
      }
    }
    long length = req.headers().contentLength();
    if (length > 0 && ingest(ctx.path())) {
      for (Subject s : subjects) {
        long wait = s.scope().bytes.take(s.name(), length, now);
        if (wait > 0) {
          return refuse(req, s, "ingest bytes", wait);
        }
      }
    }
    if (query(ctx.path())) {
      for (Subject s : subjects) {
        Semaphore slot = s.scope().querySlot(s.name());
        if (slot == null) {
          return refuse(req, s, "concurrent queries", 1);
        }
        ctx.log().whenComplete().thenRun(slot::release);
      }
    }
    return delegate.serve(ctx, req);
  }

  @Override
  public Admission admit(String tenant, long items) {
    if (!callers.items.on() && !tenants.items.on()) {
      return Admission.ADMITTED;
    }
    long now = clock.millis();
    RequestContext ctx = RequestContext.currentOrNull();
    if (ctx instanceof ServiceRequestContext service) {
      Subject caller = caller(service);
      long wait = callers.items.take(caller.name(), items, now);
      if (wait > 0) {
        return refused(caller, "ingest items", wait);
      }
    }
    Subject t = new Subject(tenants, tenant);
    long wait = tenants.items.take(tenant, items, now);
    return wait > 0 ? refused(t, "ingest items", wait) : Admission.ADMITTED;
  }

  private List<Subject> subjects(ServiceRequestContext ctx) {
    @Nullable String tenant = ctx.attr(RequestTenant.KEY);
    return tenant == null ? List.of(caller(ctx)) : List.of(caller(ctx), new Subject(tenants, tenant));
  }

  private Subject caller(ServiceRequestContext ctx) {
    @Nullable Principal p = ctx.attr(AuthDecorator.PRINCIPAL);
    return new Subject(callers, p != null ? p.name() : "address:" + ctx.clientAddress().getHostAddress());
  }

  private Admission refused(Subject s, String what, long retryAfterSeconds) {
    count(s, what);
    return new Admission(retryAfterSeconds, reason(s, what, retryAfterSeconds));
  }

  private void count(Subject s, String what) {
    metrics.counter("sightline_rate_limited_total", "Requests refused by rate limits, by the limit and its scope.",
        "limit", what, "scope", s.scope().kind).increment();
  }

  private static String reason(Subject s, String what, long retryAfterSeconds) {
    return "rate limit of " + what + " reached for " + s.scope().kind + " " + s.name() + "; retry in "
        + retryAfterSeconds + " s";
  }

  private HttpResponse refuse(HttpRequest req, Subject s, String what, long retryAfterSeconds) {
    count(s, what);
    String reason = reason(s, what, retryAfterSeconds);
    MediaType type = req.contentType();
    if (type != null && type.subtype().startsWith("grpc")) {
      return HttpResponse.of(ResponseHeaders.builder(HttpStatus.OK).contentType(type).add("grpc-status", "8")
          .add("grpc-message", reason).build());
    }
    return HttpResponse.of(ResponseHeaders.builder(HttpStatus.TOO_MANY_REQUESTS).contentType(MediaType.PLAIN_TEXT_UTF_8)
        .add(HttpHeaderNames.RETRY_AFTER, Long.toString(retryAfterSeconds)).build(), HttpData.ofUtf8(reason));
  }

  private static boolean ingest(String path) {
    return path.startsWith("/v1/") || path.startsWith("/opentelemetry.proto.collector.") || path.equals("/api/v1/write")
        || path.endsWith("/_bulk") || path.equals("/loki/api/v1/push") || path.startsWith("/api/v2/spans")
        || path.startsWith("/api/v1/spans") || path.equals("/api/traces") || path.startsWith("/jaeger.api_v2.CollectorService");
  }

  private static boolean query(String path) {
    return path.startsWith("/api/v1/query") || path.startsWith("/api/v1/traces") || path.startsWith("/api/v1/logs")
        || path.startsWith("/api/v1/series") || path.equals("/api/v1/read") || path.startsWith("/api/v1/rules/backtest");
  }
}
