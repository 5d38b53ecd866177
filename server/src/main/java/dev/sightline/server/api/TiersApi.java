package dev.sightline.server.api;

import static dev.sightline.server.api.JsonResponses.error;
import static dev.sightline.server.api.JsonResponses.ok;

import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.sightline.receivers.RequestTenant;
import dev.sightline.security.audit.AuditOutcome;
import dev.sightline.server.auth.AuditTrail;
import dev.sightline.storage.StorageException;
import dev.sightline.storage.Storage;
import dev.sightline.storage.tier.ArchiveBundle;
import dev.sightline.storage.tier.Retention;
import dev.sightline.storage.tier.RetentionPolicy;
import dev.sightline.storage.tier.SignalType;
import dev.sightline.storage.tier.Tier;
import dev.sightline.storage.tier.TierUsage;
import dev.sightline.storage.tier.Tiers;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The storage tiers: {@code GET /api/v1/tiers} (usage, lifecycle counters, the tenant's retention),
 * {@code POST /api/v1/tiers/lifecycle} (run what is due now), {@code GET /api/v1/archive} (the
 * tenant's archived bundles) and {@code POST /api/v1/archive/{id}/restore}.
 */
public final class TiersApi {
  private final Storage storage;
  private final Supplier<Map<String, Long>> counts;
  private final RetentionPolicy retention;
  private final AuditTrail audit;

  /** {@code counts}: the lifecycle's counters, as the embedded store gives them. */
  public TiersApi(Storage storage, Supplier<Map<String, Long>> counts, RetentionPolicy retention, AuditTrail audit) {
    this.storage = storage;
    this.counts = counts;
    this.retention = retention;
    this.audit = audit;
  }

  public void register(ServerBuilder sb) {
    sb.route().path("/api/v1/tiers").methods(HttpMethod.GET).build((ctx, req) -> blocking(ctx, this::status));
    sb.route().path("/api/v1/tiers/lifecycle").methods(HttpMethod.POST).build((ctx, req) -> withTiers(ctx, tiers -> {
      int moved = tiers.runLifecycle();
      audit.record(ctx, "tiers.lifecycle", "tiers", AuditOutcome.ALLOWED, Map.of("moved", Integer.toString(moved)));
      return ok(g -> {
        g.writeStartObject();
        g.writeNumberField("moved", moved);
        g.writeEndObject();
      });
    }));
    sb.route().path("/api/v1/archive").methods(HttpMethod.GET).build((ctx, req) -> withTiers(ctx, tiers -> ok(g -> {
      g.writeStartObject();
      g.writeArrayFieldStart("bundles");
      for (ArchiveBundle b : tiers.archive(RequestTenant.current())) TierJson.bundle(g, b);
      g.writeEndArray();
      g.writeEndObject();
    })));
    sb.route().path("/api/v1/archive/{id}/restore").methods(HttpMethod.POST).build((ctx, req) -> withTiers(ctx, tiers -> {
      String id = ctx.pathParam("id");
      ArchiveBundle restored;
      try {
        restored = tiers.restore(RequestTenant.current(), id);
      } catch (IllegalArgumentException e) {
        return error(HttpStatus.NOT_FOUND, e.getMessage());
      }
      audit.record(ctx, "archive.restore", "bundle:" + id, AuditOutcome.ALLOWED, Map.of("signal", restored.signal().label()));
      return ok(g -> TierJson.bundle(g, restored));
    }));
  }

  private interface TierCall {
    HttpResponse run(Tiers tiers) throws Exception;
  }

  private HttpResponse withTiers(ServiceRequestContext ctx, TierCall call) {
    return blocking(ctx, () -> {
      if (storage.tiers().isEmpty()) {
        return error(HttpStatus.NOT_FOUND, "storage tiers are off (tiers.enabled=false): all data stays in the hot store");
      }
      try {
        return call.run(storage.tiers().orElseThrow());
      } catch (StorageException e) {
        return error(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private static HttpResponse blocking(ServiceRequestContext ctx, Supplier<HttpResponse> work) {
    return HttpResponse.of(CompletableFuture.supplyAsync(work, ctx.blockingTaskExecutor()));
  }

  private HttpResponse status() {
    String tenant = RequestTenant.current();
    return ok(g -> {
      g.writeStartObject();
      g.writeBooleanField("enabled", storage.tiers().isPresent());
      g.writeObjectFieldStart("retention");
      for (SignalType s : SignalType.values()) {
        Retention r = retention.of(tenant, s);
        g.writeObjectFieldStart(s.label());
        for (Tier t : Tier.values()) {
          g.writeStringField(t.label(), r.uses(t) ? r.limit(t).toDays() + "d" : "unused");
        }
        g.writeEndObject();
      }
      g.writeEndObject();
      g.writeArrayFieldStart("usage");
      for (TierUsage u : storage.tiers().map(Tiers::usage).orElse(java.util.List.of())) {
        g.writeStartObject();
        g.writeStringField("tier", u.tier().label());
        g.writeStringField("signal", u.signal().label());
        g.writeNumberField("files", u.files());
        g.writeNumberField("rows", u.rows());
        g.writeNumberField("bytes", u.bytes());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeObjectFieldStart("lifecycle");
      for (Map.Entry<String, Long> e : new java.util.TreeMap<>(counts.get()).entrySet()) {
        g.writeNumberField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
      g.writeEndObject();
    });
  }
}
