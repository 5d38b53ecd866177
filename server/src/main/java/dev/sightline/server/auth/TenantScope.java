package dev.sightline.server.auth;

import com.linecorp.armeria.server.ServiceRequestContext;
import dev.sightline.security.auth.Permission;
import dev.sightline.security.auth.Principal;
import org.jspecify.annotations.Nullable;

/**
 * The tenants of one server. The operator tenant (config {@code tenant}) is the one the server's
 * own data (self-metrics, scrapes, socket receivers) lands in and whose admins run the whole
 * server: they may act in any tenant through the tenant header and use the system-wide APIs.
 * Admins of other tenants manage their own tenant only.
 *
 * @param operatorTenant the tenant of the server's operators
 * @param header the request header that names a tenant (as Loki's, Mimir's and Tempo's {@code X-Scope-OrgID})
 */
public record TenantScope(String operatorTenant, String header) {

  /** Whether the principal runs the whole server: an admin of the operator tenant. */
  public boolean operator(Principal p) {
    return p.tenant().equals(operatorTenant) && p.allows(Permission.ADMIN_SYSTEM);
  }

  /** Whether the request comes from an operator; with authentication off, everyone is one. */
  public boolean operator(ServiceRequestContext ctx) {
    @Nullable Principal p = ctx.attr(AuthDecorator.PRINCIPAL);
    return p == null || operator(p);
  }
}
