package dev.sightline.server.limits;

import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.DecoratingHttpServiceFunction;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.sightline.pipeline.SelfMetrics;
import dev.sightline.security.auth.Principal;
import dev.sightline.server.auth.AuthDecorator;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Applies {@link RateLimits} to each principal (the client address when authentication is off):
 * over a limit the request is answered 429 with {@code Retry-After}, which every shipper and SDK
 * treats as "retry later" (gRPC: RESOURCE_EXHAUSTED). Runs after authentication, so a refused
 * caller spends nothing. Buckets are kept per principal for the life of the process.
 */
public final class RateLimitDecorator implements DecoratingHttpServiceFunction {
  private static final int MAX_PRINCIPALS = 100_000;
  private final RateLimits limits;
  private final Clock clock;
  private final SelfMetrics metrics;
  private final Map<String, TokenBucket> requests = new ConcurrentHashMap<>();
  private final Map<String, TokenBucket> bytes = new ConcurrentHashMap<>();
  private final Map<String, Semaphore> queries = new ConcurrentHashMap<>();

  public RateLimitDecorator(RateLimits limits, Clock clock, SelfMetrics metrics) {
    this.limits = limits;
    this.clock = clock;
    this.metrics = metrics;
  }

  @Override
  public HttpResponse serve(HttpService delegate, ServiceRequestContext ctx, HttpRequest req) throws Exception {
    if (!limits.any() || ctx.path().equals("/health") || ctx.path().equals("/ready")) {
      return delegate.serve(ctx, req);
    }
    Principal p = ctx.attr(AuthDecorator.PRINCIPAL);
    String who = p != null ? p.name() : "address:" + ctx.clientAddress().getHostAddress();
    long now = clock.millis();
    if (limits.requestsPerSecond() > 0) {
      long wait = take(requests, who, limits.requestsPerSecond(), 1, now);
      if (wait > 0) {
        return refuse(req, who, "requests", wait);
      }
    }
    if (limits.ingestBytesPerSecond() > 0 && ingest(ctx.path())) {
      long length = req.headers().contentLength();
      long wait = length > 0 ? take(bytes, who, limits.ingestBytesPerSecond(), length, now) : 0;
      if (wait > 0) {
        return refuse(req, who, "ingest bytes", wait);
      }
    }
    if (limits.concurrentQueries() > 0 && query(ctx.path())) {
      if (queries.size() > MAX_PRINCIPALS) {
        queries.clear();
      }
      Semaphore running = queries.computeIfAbsent(who, k -> new Semaphore(limits.concurrentQueries()));
      if (!running.tryAcquire()) {
        return refuse(req, who, "concurrent queries", 1);
      }
      ctx.log().whenComplete().thenRun(running::release);
    }
    return delegate.serve(ctx, req);
  }

  private long take(Map<String, TokenBucket> buckets, String who, double rate, double n, long now) {
    if (buckets.size() > MAX_PRINCIPALS) {
      buckets.clear(); // a flood of addresses must not grow memory without bound
    }
    TokenBucket b = buckets.computeIfAbsent(who, k -> new TokenBucket(rate, Math.max(rate, n), now));
    synchronized (b) {
      return b.take(n, now);
    }
  }

  private HttpResponse refuse(HttpRequest req, String who, String what, long retryAfterSeconds) {
    metrics.counter("sightline_rate_limited_total", "Requests refused by rate limits, by the limit.", "limit", what).increment();
    String reason = "rate limit of " + what + " reached for " + who + "; retry in " + retryAfterSeconds + " s";
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
