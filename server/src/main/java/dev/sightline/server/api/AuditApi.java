package dev.sightline.server.api;

import static dev.sightline.server.api.JsonResponses.error;
import static dev.sightline.server.api.JsonResponses.ok;

import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.sightline.security.audit.AuditEntry;
import dev.sightline.server.auth.AuditTrail;
import dev.sightline.server.auth.TenantScope;
import dev.sightline.receivers.RequestTenant;
import dev.sightline.security.audit.AuditOutcome;
import dev.sightline.security.audit.AuditQuery;
import dev.sightline.security.audit.Verification;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The audit log for admins: {@code GET /api/v1/audit} (filters from, to, actor, action prefix,
 * outcome, tenant, limit; newest first; admins of other tenants than the operator's see their own), {@code GET /api/v1/audit/verify} (checks the hash chain) and
 * {@code GET /api/v1/audit/export} (the raw JSON lines of a time range).
 */
public final class AuditApi {
  private static final Instant FAR_FUTURE = Instant.parse("9999-12-31T23:59:59Z");
  private final AuditTrail trail;
  private final TenantScope tenants;

  public AuditApi(AuditTrail trail, TenantScope tenants) {
    this.trail = trail;
    this.tenants = tenants;
  }

  public void register(ServerBuilder sb) {
    sb.route().get("/api/v1/audit").build((ctx, req) -> {
      try {
        AuditQuery.Builder q = AuditQuery.builder().from(time(ctx, "from", Instant.EPOCH)).to(time(ctx, "to", FAR_FUTURE))
            .limit(Integer.parseInt(param(ctx, "limit", "100")));
        if (ctx.queryParam("actor") != null) {
          q.actor(ctx.queryParam("actor"));
        }
        if (ctx.queryParam("action") != null) {
          q.actionPrefix(ctx.queryParam("action"));
        }
        if (!tenants.operator(ctx)) {
          q.tenant(RequestTenant.of(ctx));
        } else if (ctx.queryParam("tenant") != null) {
          q.tenant(ctx.queryParam("tenant"));
        }
        if (ctx.queryParam("outcome") != null) {
          q.outcome(AuditOutcome.parse(ctx.queryParam("outcome")));
        }
        return ok(g -> {
          g.writeStartObject();
          g.writeArrayFieldStart("entries");
          for (AuditEntry e : trail.log().query(q.build())) {
            g.writeStartObject();
            g.writeNumberField("seq", e.seq());
            g.writeStringField("time", e.event().time().toString());
            g.writeStringField("actor", e.event().actor());
            g.writeStringField("tenant", e.event().tenant());
            g.writeStringField("action", e.event().action());
            g.writeStringField("target", e.event().target());
            g.writeStringField("source", e.event().source());
            g.writeStringField("outcome", e.event().outcome().label());
            g.writeObjectFieldStart("details");
            for (Map.Entry<String, String> d : e.event().details().entrySet()) {
              g.writeStringField(d.getKey(), d.getValue());
            }
            g.writeEndObject();
            g.writeStringField("hash", e.hash());
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeEndObject();
        });
      } catch (IllegalArgumentException e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage());
      }
    });
    sb.route().get("/api/v1/audit/verify").build((ctx, req) -> {
      Verification v = trail.log().verify();
      return ok(g -> {
        g.writeStartObject();
        g.writeBooleanField("ok", v.ok());
        g.writeNumberField("entriesChecked", v.entriesChecked());
        if (v.problem() != null) {
          g.writeObjectFieldStart("problem");
          g.writeStringField("file", v.problem().file().getFileName().toString());
          g.writeNumberField("line", v.problem().line());
          g.writeNumberField("seq", v.problem().seq());
          g.writeStringField("reason", v.problem().reason());
          g.writeEndObject();
        }
        g.writeEndObject();
      });
    });
    sb.route().get("/api/v1/audit/export").build((ctx, req) -> {
      if (!tenants.operator(ctx)) {
        return error(HttpStatus.FORBIDDEN, "the export holds every tenant's entries; only admins of tenant '"
            + tenants.operatorTenant() + "' may export (GET /api/v1/audit lists this tenant's)");
      }
      try {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        trail.log().export(time(ctx, "from", Instant.EPOCH), time(ctx, "to", FAR_FUTURE), out);
        return HttpResponse.of(HttpStatus.OK, MediaType.parse("application/x-ndjson"), out.toByteArray());
      } catch (IllegalArgumentException e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  private static String param(ServiceRequestContext ctx, String name, String otherwise) {
    String v = ctx.queryParam(name);
    return v == null ? otherwise : v;
  }

  private static Instant time(ServiceRequestContext ctx, String name, Instant otherwise) {
    String v = ctx.queryParam(name);
    if (v == null) {
      return otherwise;
    }
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(name + ": '" + v + "' is not an RFC 3339 time such as 2026-12-01T00:00:00Z");
    }
  }
}
