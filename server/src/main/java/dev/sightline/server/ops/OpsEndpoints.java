package dev.sightline.server.ops;

import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.ServerBuilder;
import dev.sightline.pipeline.SelfMetrics;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /health} answers while the process serves; {@code /ready} only once ingest and storage
 * run, not while shutting down, and while the dependencies of the node's role are usable (the
 * answer names each, see {@link Readiness}); {@code /metrics} is the self-metrics exposition.
 */
public final class OpsEndpoints {
  private static final MediaType PROMETHEUS_TEXT = MediaType.parse("text/plain; version=0.0.4; charset=utf-8");
  private static final ObjectMapper JSON = new ObjectMapper();

  private OpsEndpoints() {}

  public static void register(ServerBuilder sb, Readiness readiness, SelfMetrics metrics) {
    sb.service("/health", (ctx, req) -> HttpResponse.of(HttpStatus.OK, MediaType.JSON_UTF_8, "{\"status\":\"up\"}"));
    sb.service("/ready", (ctx, req) -> ready(readiness.check()));
    sb.service("/metrics", (ctx, req) -> HttpResponse.of(HttpStatus.OK, PROMETHEUS_TEXT, metrics.exposition()));
  }

  private static HttpResponse ready(Readiness.Answer answer) throws JsonProcessingException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", answer.ready() ? "ready" : "not ready");
    if (!answer.started()) {
      body.put("reason", "starting or stopping");
    }
    if (!answer.checks().isEmpty()) {
      body.put("checks", answer.checks());
    }
    return HttpResponse.of(answer.ready() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE, MediaType.JSON_UTF_8,
        JSON.writeValueAsString(body));
  }
}
