package dev.sightline.server.auth;

import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.DecoratingHttpServiceFunction;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;

/**
 * Headers every answer carries so that browsers do not sniff types, frame the UI, leak URLs in
 * referrers or load scripts from elsewhere; with TLS, HSTS too.
 */
public final class SecurityHeaders implements DecoratingHttpServiceFunction {
  private final boolean tls;

  public SecurityHeaders(boolean tls) {
    this.tls = tls;
  }

  @Override
  public HttpResponse serve(HttpService delegate, ServiceRequestContext ctx, HttpRequest req) throws Exception {
    return delegate.serve(ctx, req).mapHeaders(headers -> {
      var b = headers.toBuilder()
          .set("x-content-type-options", "nosniff")
          .set("x-frame-options", "DENY")
          .set("referrer-policy", "no-referrer")
          .set("content-security-policy", "default-src 'self'; frame-ancestors 'none'");
      if (tls) {
        b.set("strict-transport-security", "max-age=31536000");
      }
      return b.build();
    });
  }
}
