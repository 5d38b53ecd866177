package dev.sightline.server.dashboards;

import static dev.sightline.server.api.JsonResponses.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.sightline.receivers.RequestTenant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/**
 * {@code /api/v1/dashboards}: list ({@code GET}, without panels), create ({@code POST}, 201),
 * read, replace and delete one ({@code GET|PUT|DELETE /api/v1/dashboards/{id}}), always of the
 * request's tenant. AccessPolicy asks {@code read:metrics} to read and {@code write:reports} to change.
 */
public final class DashboardsApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BASE = "/api/v1/dashboards";
  private final DashboardStore store;

  public DashboardsApi(DashboardStore store) {
    this.store = store;
  }

  public void register(ServerBuilder sb) {
    sb.route().get(BASE).build((ctx, req) -> json(HttpStatus.OK, Map.of("dashboards", store.list(RequestTenant.of(ctx)).stream()
        .map(d -> Map.of("id", d.id(), "title", d.title(), "panels", d.panels().size(), "updatedAt", d.updatedAt())).toList())));
    sb.route().post(BASE).build((ctx, req) -> withBody(ctx, req.aggregate(), (tenant, body) ->
        json(HttpStatus.CREATED, store.create(tenant, Dashboard.parse(body, "", "")))));
    sb.route().get(BASE + "/{id}").build((ctx, req) -> store.get(RequestTenant.of(ctx), ctx.pathParam("id"))
        .map(d -> json(HttpStatus.OK, d)).orElseGet(() -> notFound(ctx)));
    sb.route().put(BASE + "/{id}").build((ctx, req) -> withBody(ctx, req.aggregate(), (tenant, body) ->
        store.replace(tenant, ctx.pathParam("id"), Dashboard.parse(body, "", ""))
            .map(d -> json(HttpStatus.OK, d)).orElseGet(() -> notFound(ctx))));
    sb.route().methods(HttpMethod.DELETE).path(BASE + "/{id}").build((ctx, req) ->
        store.delete(RequestTenant.of(ctx), ctx.pathParam("id"))
            ? json(HttpStatus.OK, Map.of("deleted", ctx.pathParam("id"))) : notFound(ctx));
  }

  private static HttpResponse withBody(ServiceRequestContext ctx, CompletableFuture<AggregatedHttpRequest> body,
      BiFunction<String, JsonNode, HttpResponse> handler) {
    return HttpResponse.of(body.thenApply(ctx.makeContextAware((AggregatedHttpRequest agg) -> {
      JsonNode node;
      try {
        node = JSON.readTree(agg.contentUtf8());
      } catch (JsonProcessingException e) {
        return error(HttpStatus.BAD_REQUEST, "the body is not JSON: " + e.getOriginalMessage());
      }
      try {
        return handler.apply(RequestTenant.of(ctx), node);
      } catch (IllegalArgumentException e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage());
      }
    })));
  }

  private static HttpResponse notFound(ServiceRequestContext ctx) {
    return error(HttpStatus.NOT_FOUND, "no dashboard " + ctx.pathParam("id"));
  }

  private static HttpResponse json(HttpStatus status, Object value) {
    try {
      return HttpResponse.of(status, MediaType.JSON_UTF_8, JSON.writeValueAsBytes(value));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
