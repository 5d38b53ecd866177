package dev.sightline.server;

import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.DecoratingHttpServiceFunction;
import dev.sightline.server.config.NodeRole;
import java.util.Locale;
import java.util.Set;

/**
 * On nodes that answer no queries (ingest, worker) the API port serves only health, readiness and
 * self-metrics, plus the push endpoints on ingest nodes; everything else gets a 404 that says
 * where queries go.
 */
final class RoleScope {
  private static final Set<String> OPS = Set.of("/health", "/ready", "/metrics");
  private static final Set<String> PUSH = Set.of("/api/v1/write", "/loki/api/v1/push");

  private RoleScope() {}

  static DecoratingHttpServiceFunction ingestAndOpsOnly(NodeRole role) {
    String name = role.name().toLowerCase(Locale.ROOT);
    return (delegate, ctx, req) -> {
      String path = ctx.path();
      if (OPS.contains(path) || (role.receives() && PUSH.contains(path))) {
        return delegate.serve(ctx, req);
      }
      return HttpResponse.of(HttpStatus.NOT_FOUND, MediaType.PLAIN_TEXT_UTF_8,
          "this is a " + name + " node (node.role=" + name + "); " + path + " is served by query nodes");
    };
  }
}
