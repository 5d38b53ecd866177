package dev.sightline.server.auth;

import com.linecorp.armeria.common.Cookie;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.DecoratingHttpServiceFunction;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.sightline.security.auth.Permission;
import dev.sightline.security.auth.Principal;
import dev.sightline.security.auth.Tenants;
import dev.sightline.receivers.RequestTenant;
import io.netty.util.AttributeKey;
import java.util.Optional;

/**
 * Checks every request against the {@link AccessPolicy}: no or an unknown credential is 401, a
 * principal whose role lacks the permission is 403, each with the reason; gRPC requests get the
 * same as {@code UNAUTHENTICATED} / {@code PERMISSION_DENIED}. The principal and the tenant the
 * request acts in ({@link RequestTenant}) are left in the request context for the services: the
 * principal's own tenant, or the tenant header's when an operator admin sends it. Off, every request
 * passes and the tenant header, else the operator tenant, decides (the server says so loudly at start).
 */
public final class AuthDecorator implements DecoratingHttpServiceFunction {
  public static final AttributeKey<Principal> PRINCIPAL = AttributeKey.valueOf(AuthDecorator.class, "principal");
  private final AccessPolicy policy = new AccessPolicy();
  private final Authenticator authenticator;
  private final boolean enabled;
  private final TenantScope tenants;

  private final Sessions sessions;

  public AuthDecorator(Authenticator authenticator, boolean enabled, TenantScope tenants, Sessions sessions) {
    this.authenticator = authenticator;
    this.enabled = enabled;
    this.tenants = tenants;
    this.sessions = sessions;
  }

  @Override
  public HttpResponse serve(HttpService delegate, ServiceRequestContext ctx, HttpRequest req) throws Exception {
    String requested = req.headers().get(tenants.header());
    if (requested != null && !Tenants.valid(requested)) {
      return deny(req, HttpStatus.BAD_REQUEST, tenants.header() + ": '" + requested + "' is not a tenant name "
          + "(1 to 64 letters, digits, '_', '.' or '-')");
    }
    Optional<Permission> needed = enabled ? policy.required(req.method(), ctx.path()) : Optional.empty();
    if (needed.isEmpty()) {
      // Auth off (or a public path): the tenant header chooses, as Loki, Mimir and Tempo do.
      return serveAs(delegate, ctx, req, requested == null ? tenants.operatorTenant() : requested);
    }
    Optional<String> credential = Authenticator.credential(req.headers());
    Optional<String> session = credential.isEmpty() ? sessionCookie(req.headers()) : Optional.empty();
    Optional<Principal> principal;
    if (session.isPresent()) {
      principal = sessions.principal(session.get());
      if (principal.isEmpty()) {
        return deny(req, HttpStatus.UNAUTHORIZED, "the session has ended; log in again at /auth/login");
      }
      if (!sameOrigin(req)) {
        return deny(req, HttpStatus.FORBIDDEN, "a session may only change data from pages of this server (Origin "
            + req.headers().get(HttpHeaderNames.ORIGIN) + ")");
      }
      credential = session;
    } else {
      try {
        principal = credential.isPresent() ? authenticator.authenticate(credential.get())
            : authenticator.authenticate(ctx.sslSession());
      } catch (Authenticator.Rejected e) {
        return deny(req, e.unavailable ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.UNAUTHORIZED, e.getMessage());
      }
    }
    if (credential.isEmpty() && principal.isEmpty()) {
      return deny(req, HttpStatus.UNAUTHORIZED, Authenticator.hasClientCertificate(ctx.sslSession())
          ? "the client certificate's common name has no role (auth.mtls.roles), and no API key was sent"
          : "no credentials: send an API key as 'Authorization: Bearer <key>'");
    }
    if (principal.isEmpty()) {
      return deny(req, HttpStatus.UNAUTHORIZED, "the API key is unknown or revoked");
    }
    Principal p = principal.get();
    if (!p.allows(needed.get()) && policy.alternatives(ctx.path()).stream().noneMatch(p::allows)) {
      return deny(req, HttpStatus.FORBIDDEN, "role " + p.role().name() + " of " + p.name() + " lacks "
          + needed.get().text() + " for " + req.method() + " " + ctx.path());
    }
    boolean operator = tenants.operator(p);
    if (requested != null && !requested.equals(p.tenant()) && !operator) {
      return deny(req, HttpStatus.FORBIDDEN, p.name() + " belongs to tenant '" + p.tenant() + "' and may not act in tenant '"
          + requested + "' (" + tenants.header() + ")");
    }
    if (needed.get() == Permission.ADMIN_SYSTEM && policy.systemWide(ctx.path()) && !operator) {
      return deny(req, HttpStatus.FORBIDDEN, ctx.path() + " changes the whole server; only admins of tenant '"
          + tenants.operatorTenant() + "' may use it");
    }
    ctx.setAttr(PRINCIPAL, p);
    return serveAs(delegate, ctx, req, requested == null ? p.tenant() : requested);
  }

  private HttpResponse serveAs(HttpService delegate, ServiceRequestContext ctx, HttpRequest req, String tenant)
      throws Exception {
    if (!tenant.equals(tenants.operatorTenant()) && policy.operatorTenantOnly(ctx.path())) {
      return deny(req, HttpStatus.FORBIDDEN, "silences and notification routes are the operator's (tenant '"
          + tenants.operatorTenant() + "'); this request acts in tenant '" + tenant + "'");
    }
    ctx.setAttr(RequestTenant.KEY, tenant);
    return delegate.serve(ctx, req);
  }

  static Optional<String> sessionCookie(RequestHeaders headers) {
    for (Cookie c : headers.cookies()) {
      if (c.name().equals(Sessions.COOKIE) && !c.value().isBlank()) {
        return Optional.of(c.value());
      }
    }
    return Optional.empty();
  }

  /**
   * Cookies travel with requests other sites make; a request that changes something must come from
   * a page of this server. Browsers send {@code Origin} on such requests; its host must be ours.
   */
  private static boolean sameOrigin(HttpRequest req) {
    if (req.method() == HttpMethod.GET || req.method() == HttpMethod.HEAD || req.method() == HttpMethod.OPTIONS) {
      return true;
    }
    String origin = req.headers().get(HttpHeaderNames.ORIGIN);
    if (origin == null) {
      return true;
    }
    String host = req.headers().authority();
    try {
      return host != null && host.equalsIgnoreCase(java.net.URI.create(origin).getRawAuthority());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Reads (and drops) the request body first: HTTP/2 clients take a reset body stream for a failed request. */
  private static HttpResponse deny(HttpRequest req, HttpStatus status, String reason) {
    return HttpResponse.of(req.aggregate().handle((body, error) -> denial(req, status, reason)));
  }

  private static HttpResponse denial(HttpRequest req, HttpStatus status, String reason) {
    MediaType type = req.contentType();
    if (type != null && type.subtype().startsWith("grpc")) {
      int code = status == HttpStatus.UNAUTHORIZED ? 16 : status == HttpStatus.FORBIDDEN ? 7 : 14;
      return HttpResponse.of(ResponseHeaders.builder(HttpStatus.OK).contentType(type)
          .add("grpc-status", Integer.toString(code)).add("grpc-message", reason).build());
    }
    com.linecorp.armeria.common.ResponseHeadersBuilder headers = ResponseHeaders.builder(status).contentType(MediaType.JSON_UTF_8);
    if (status == HttpStatus.UNAUTHORIZED) {
      headers.add(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"sightline\"");
    }
    String body = "{\"status\":" + status.code() + ",\"error\":\"" + reason.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    return HttpResponse.of(headers.build(), com.linecorp.armeria.common.HttpData.ofUtf8(body));
  }
}
