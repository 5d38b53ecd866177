package dev.sightline.server.auth;

import com.linecorp.armeria.common.HttpHeaderNames;
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
import io.netty.util.AttributeKey;
import java.util.Optional;

/**
 * Checks every request against the {@link AccessPolicy}: no or an unknown credential is 401, a
 * principal whose role lacks the permission is 403, each with the reason; gRPC requests get the
 * same as {@code UNAUTHENTICATED} / {@code PERMISSION_DENIED}. The principal is left in the request
 * context for the services. Off, every request passes (the server says so loudly at start).
 */
public final class AuthDecorator implements DecoratingHttpServiceFunction {
  public static final AttributeKey<Principal> PRINCIPAL = AttributeKey.valueOf(AuthDecorator.class, "principal");
  private final AccessPolicy policy = new AccessPolicy();
  private final Authenticator authenticator;
  private final boolean enabled;

  public AuthDecorator(Authenticator authenticator, boolean enabled) {
    this.authenticator = authenticator;
    this.enabled = enabled;
  }

  @Override
  public HttpResponse serve(HttpService delegate, ServiceRequestContext ctx, HttpRequest req) throws Exception {
    if (!enabled) {
      return delegate.serve(ctx, req);
    }
    Optional<Permission> needed = policy.required(req.method(), ctx.path());
    if (needed.isEmpty()) {
      return delegate.serve(ctx, req);
    }
    Optional<String> credential = Authenticator.credential(req.headers());
    Optional<Principal> principal;
    try {
      principal = credential.isPresent() ? authenticator.authenticate(credential.get())
          : authenticator.authenticate(ctx.sslSession());
    } catch (Authenticator.Rejected e) {
      return deny(req, e.unavailable ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.UNAUTHORIZED, e.getMessage());
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
    if (!p.allows(needed.get())) {
      return deny(req, HttpStatus.FORBIDDEN, "role " + p.role().name() + " of " + p.name() + " lacks "
          + needed.get().text() + " for " + req.method() + " " + ctx.path());
    }
    ctx.setAttr(PRINCIPAL, p);
    return delegate.serve(ctx, req);
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
