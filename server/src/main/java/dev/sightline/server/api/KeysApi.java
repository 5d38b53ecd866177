package dev.sightline.server.api;

import static dev.sightline.server.api.JsonResponses.error;
import static dev.sightline.server.api.JsonResponses.ok;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.sightline.security.audit.AuditOutcome;
import dev.sightline.security.auth.ApiKeys;
import dev.sightline.server.auth.AuditTrail;
import dev.sightline.server.auth.TenantScope;
import dev.sightline.receivers.RequestTenant;
import java.util.Map;
import java.io.IOException;

/**
 * {@code POST /api/v1/keys} ({@code {"name", "role", "tenant"}}; the key is in the answer, once),
 * {@code GET /api/v1/keys} (without secrets) and {@code DELETE /api/v1/keys/{id}} (revokes). Keys
 * are scoped to a tenant: the caller's, unless an operator admin names another. Operator admins see
 * and revoke every tenant's keys; other tenants' admins only their own.
 */
public final class KeysApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ApiKeys keys;
  private final TenantScope tenants;
  private final AuditTrail audit;

  public KeysApi(ApiKeys keys, TenantScope tenants, AuditTrail audit) {
    this.keys = keys;
    this.tenants = tenants;
    this.audit = audit;
  }

  /** Whether the caller may see and revoke the key: an operator any, others their tenant's. */
  private boolean visible(ServiceRequestContext ctx, ApiKeys.StoredKey k) {
    return tenants.operator(ctx) || k.tenant().equals(RequestTenant.of(ctx));
  }

  public void register(ServerBuilder sb) {
    sb.route().get("/api/v1/keys").build((ctx, req) -> ok(g -> {
      g.writeStartObject();
      g.writeArrayFieldStart("keys");
      for (ApiKeys.StoredKey k : keys.list()) {
        if (visible(ctx, k)) {
          key(g, k);
        }
      }
      g.writeEndArray();
      g.writeEndObject();
    }));
    sb.route().post("/api/v1/keys").build((ctx, req) -> HttpResponse.of(req.aggregate().thenApply(
        ctx.makeContextAware((AggregatedHttpRequest agg) -> create(ctx, agg.contentUtf8())))));
    sb.route().methods(HttpMethod.DELETE).path("/api/v1/keys/{id}").build((ctx, req) -> {
      boolean mine = keys.list().stream().anyMatch(k -> k.id().equals(ctx.pathParam("id")) && visible(ctx, k));
      if (!mine || !keys.revoke(ctx.pathParam("id"))) {
        return error(HttpStatus.NOT_FOUND, "no key " + ctx.pathParam("id"));
      }
      audit.record(ctx, "key.revoke", "key:" + ctx.pathParam("id"), AuditOutcome.ALLOWED, Map.of());
      return ok(g -> {
        g.writeStartObject();
        g.writeStringField("revoked", ctx.pathParam("id"));
        g.writeEndObject();
      });
    });
  }

  private HttpResponse create(ServiceRequestContext ctx, String body) {
    JsonNode n;
    try {
      n = JSON.readTree(body);
    } catch (IOException e) {
      return error(HttpStatus.BAD_REQUEST, "the body is not JSON: " + e.getMessage());
    }
    if (n == null || !n.isObject()) {
      return error(HttpStatus.BAD_REQUEST, "the body must be {\"name\": ..., \"role\": ..., \"tenant\": ...}");
    }
    String keyTenant = n.path("tenant").asText(RequestTenant.of(ctx));
    if (!keyTenant.equals(RequestTenant.of(ctx)) && !tenants.operator(ctx)) {
      return error(HttpStatus.FORBIDDEN, "tenant: keys of tenant '" + RequestTenant.of(ctx)
          + "' may only create keys for it; only admins of tenant '" + tenants.operatorTenant() + "' create keys for others");
    }
    try {
      ApiKeys.CreatedKey created = keys.create(n.path("name").asText(""), keyTenant, n.path("role").asText(""));
      audit.record(ctx, "key.create", "key:" + created.key().id(), AuditOutcome.ALLOWED,
          Map.of("name", created.key().name(), "role", created.key().role(), "tenant", created.key().tenant()));
      return JsonResponses.of(HttpStatus.CREATED, g -> {
        g.writeStartObject();
        g.writeStringField("key", created.token());
        g.writeFieldName("details");
        key(g, created.key());
        g.writeEndObject();
      });
    } catch (IllegalArgumentException e) {
      return error(HttpStatus.BAD_REQUEST, e.getMessage());
    }
  }

  private static void key(JsonGenerator g, ApiKeys.StoredKey k) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", k.id());
    g.writeStringField("name", k.name());
    g.writeStringField("tenant", k.tenant());
    g.writeStringField("role", k.role());
    g.writeStringField("createdAt", k.createdAt().toString());
    if (k.revokedAt() != null) {
      g.writeStringField("revokedAt", k.revokedAt().toString());
    }
    g.writeEndObject();
  }
}
