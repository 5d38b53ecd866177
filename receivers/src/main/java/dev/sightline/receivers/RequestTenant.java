package dev.sightline.receivers;

import com.linecorp.armeria.common.RequestContext;
import io.netty.util.AttributeKey;

/**
 * The tenant a request acts in. The server's access decorator sets it on every request before a
 * service runs (from the key, the token, a certificate or the tenant header); services read it
 * here and never from configuration, so data cannot land in or come from another tenant. A
 * request without one is a wiring fault and fails rather than fall back to a default tenant.
 */
public final class RequestTenant {
  public static final AttributeKey<String> KEY = AttributeKey.valueOf(RequestTenant.class, "tenant");

  private RequestTenant() {}

  public static String of(RequestContext ctx) {
    String tenant = ctx.attr(KEY);
    if (tenant == null) {
      throw new IllegalStateException("no tenant was set for " + ctx.method() + " " + ctx.path()
          + "; every listener must pass the access decorator");
    }
    return tenant;
  }

  /** The tenant of the request whose context is current (the services' continuations are context-aware). */
  public static String current() {
    return of(RequestContext.current());
  }
}
