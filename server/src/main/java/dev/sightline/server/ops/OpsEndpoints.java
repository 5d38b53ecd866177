package dev.sightline.server.ops;

import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.ServerBuilder;
import dev.sightline.pipeline.SelfMetrics;
import java.util.function.BooleanSupplier;

/**
 * {@code /health} answers while the process serves; {@code /ready} only once ingest and storage
 * run and not while shutting down; {@code /metrics} is the self-metrics exposition.
 */
public final class OpsEndpoints {
  private static final MediaType PROMETHEUS_TEXT = MediaType.parse("text/plain; version=0.0.4; charset=utf-8");

  private OpsEndpoints() {}

  public static void register(ServerBuilder sb, BooleanSupplier ready, SelfMetrics metrics) {
    sb.service("/health", (ctx, req) -> HttpResponse.of(HttpStatus.OK, MediaType.JSON_UTF_8, "{\"status\":\"up\"}"));
    sb.service("/ready", (ctx, req) -> ready.getAsBoolean()
        ? HttpResponse.of(HttpStatus.OK, MediaType.JSON_UTF_8, "{\"status\":\"ready\"}")
        : HttpResponse.of(HttpStatus.SERVICE_UNAVAILABLE, MediaType.JSON_UTF_8, "{\"status\":\"not ready\"}"));
    sb.service("/metrics", (ctx, req) -> HttpResponse.of(HttpStatus.OK, PROMETHEUS_TEXT, metrics.exposition()));
  }
}
