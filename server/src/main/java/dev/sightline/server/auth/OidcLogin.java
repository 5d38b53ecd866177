package dev.sightline.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.common.Cookie;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.sightline.security.audit.AuditOutcome;
import dev.sightline.security.auth.Permission;
import dev.sightline.security.auth.Principal;
import dev.sightline.security.auth.jwt.JwtRejectedException;
import dev.sightline.security.auth.jwt.JwtVerifier;
import dev.sightline.security.auth.jwt.VerifiedToken;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Web UI login with the OIDC authorization code flow and PKCE (S256): {@code GET /auth/login}
 * sends the browser to the provider with a fresh state, nonce and code challenge;
 * {@code GET /auth/callback} exchanges the code (with the verifier) for an ID token, verifies it
 * (issuer, audience = client id, signature, expiry, nonce), maps its roles and tenant as for bearer
 * tokens, and opens a session in an HttpOnly, SameSite=Lax cookie. {@code POST /auth/logout} ends it;
 * {@code GET /auth/session} says who is logged in. Logins, failed logins and logouts are audited.
 */
public final class OidcLogin {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration EXCHANGE_TIMEOUT = Duration.ofSeconds(10);
  private final LoginSettings settings;
  private final Authenticator authenticator;
  private final Sessions sessions;
  private final AuditTrail audit;
  private final JwtVerifier idTokens;
  private final PendingLogins pending;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(EXCHANGE_TIMEOUT)
      .followRedirects(HttpClient.Redirect.NEVER).build();
  private final boolean secureCookie;
  private volatile @Nullable Endpoints endpoints;

  private record Endpoints(URI authorization, URI token) {}

  /** The login failed for a reason the user is told (and the audit log records). */
  private static final class LoginFailed extends Exception {
    private static final long serialVersionUID = 1L;

    LoginFailed(String reason) {
      super(reason, null, false, false);
    }
  }

  public OidcLogin(LoginSettings settings, Authenticator authenticator, Sessions sessions, AuditTrail audit, Clock clock,
      boolean secureCookie) {
    this.settings = settings;
    this.authenticator = authenticator;
    this.sessions = sessions;
    this.audit = audit;
    this.idTokens = new JwtVerifier(settings.idTokens(), clock);
    this.pending = new PendingLogins(clock);
    this.secureCookie = secureCookie;
    if (settings.authorizationEndpoint() != null && settings.tokenEndpoint() != null) {
      endpoints = new Endpoints(settings.authorizationEndpoint(), settings.tokenEndpoint());
    }
  }

  public void register(ServerBuilder sb) {
    sb.route().get("/auth/login").build((ctx, req) -> HttpResponse.of(CompletableFuture.supplyAsync(() -> login(ctx),
        ctx.blockingTaskExecutor())));
    sb.route().get("/auth/callback").build((ctx, req) -> HttpResponse.of(CompletableFuture.supplyAsync(() -> callback(ctx),
        ctx.blockingTaskExecutor())));
    sb.route().post("/auth/logout").build((ctx, req) -> logout(ctx, req.headers()));
    sb.route().get("/auth/session").build((ctx, req) -> session(req.headers()));
  }

  private HttpResponse login(ServiceRequestContext ctx) {
    String returnTo = ctx.queryParam("redirect");
    if (returnTo == null || !returnTo.startsWith("/") || returnTo.startsWith("//") || returnTo.contains("\\")) {
      returnTo = "/"; // only pages of this server: no open redirect
    }
    Endpoints e;
    try {
      e = endpoints();
    } catch (LoginFailed failed) {
      return text(HttpStatus.BAD_GATEWAY, failed.getMessage());
    }
    PendingLogins.Pending login = pending.create(returnTo);
    String state;
    try {
      state = pending.start(login);
    } catch (IllegalStateException full) {
      return text(HttpStatus.SERVICE_UNAVAILABLE, full.getMessage());
    }
    Map<String, String> query = new LinkedHashMap<>();
    query.put("response_type", "code");
    query.put("client_id", settings.clientId());
    query.put("redirect_uri", settings.redirectUri().toString());
    query.put("scope", settings.scopes());
    query.put("state", state);
    query.put("nonce", login.nonce());
    query.put("code_challenge", challenge(login.verifier()));
    query.put("code_challenge_method", "S256");
    String location = e.authorization() + (e.authorization().getRawQuery() == null ? "?" : "&") + form(query);
    return HttpResponse.of(ResponseHeaders.builder(HttpStatus.FOUND).add(HttpHeaderNames.LOCATION, location)
        .add(HttpHeaderNames.CACHE_CONTROL, "no-store").build());
  }

  private HttpResponse callback(ServiceRequestContext ctx) {
    try {
      String error = ctx.queryParam("error");
      if (error != null) {
        throw new LoginFailed("the identity provider refused the login: " + error
            + Optional.ofNullable(ctx.queryParam("error_description")).map(d -> " (" + d + ")").orElse(""));
      }
      String state = ctx.queryParam("state");
      String code = ctx.queryParam("code");
      if (state == null || code == null) {
        throw new LoginFailed("the callback needs the state and code parameters the identity provider sends");
      }
      PendingLogins.Pending login = pending.finish(state)
          .orElseThrow(() -> new LoginFailed("unknown, used or expired login state; start again at /auth/login"));
      VerifiedToken token = verify(exchange(code, login.verifier()));
      if (token.nonce() == null || !MessageDigest.isEqual(token.nonce().getBytes(StandardCharsets.UTF_8),
          login.nonce().getBytes(StandardCharsets.UTF_8))) {
        throw new LoginFailed("the ID token's nonce does not match this login");
      }
      Principal p;
      try {
        p = authenticator.principal(token, "oidc:");
      } catch (Authenticator.Rejected rejected) {
        throw new LoginFailed(rejected.getMessage());
      }
      String id = sessions.open(p, token.expiresAt().plus(sessions.ttl()));
      ctx.setAttr(AuthDecorator.PRINCIPAL, p);
      audit.record(ctx, "login", "session", AuditOutcome.ALLOWED, Map.of("role", p.role().name(), "tenant", p.tenant()));
      Cookie cookie = Cookie.secureBuilder(Sessions.COOKIE, id).path("/").httpOnly(true).secure(secureCookie)
          .sameSite("Lax").maxAge(sessions.ttl().toSeconds()).build();
      return HttpResponse.of(ResponseHeaders.builder(HttpStatus.FOUND).add(HttpHeaderNames.LOCATION, login.returnTo())
          .add(HttpHeaderNames.SET_COOKIE, cookie.toSetCookieHeader()).add(HttpHeaderNames.CACHE_CONTROL, "no-store").build());
    } catch (LoginFailed failed) {
      audit.record(ctx, "login", "session", AuditOutcome.DENIED, Map.of("reason", failed.getMessage()));
      return text(HttpStatus.UNAUTHORIZED, "login failed: " + failed.getMessage());
    }
  }

  private HttpResponse logout(ServiceRequestContext ctx, com.linecorp.armeria.common.RequestHeaders headers) {
    Optional<String> id = AuthDecorator.sessionCookie(headers);
    if (id.isPresent()) {
      sessions.principal(id.get()).ifPresent(p -> {
        ctx.setAttr(AuthDecorator.PRINCIPAL, p);
        audit.record(ctx, "logout", "session", AuditOutcome.ALLOWED, Map.of());
      });
      sessions.close(id.get());
    }
    Cookie gone = Cookie.secureBuilder(Sessions.COOKIE, "").path("/").httpOnly(true).secure(secureCookie).sameSite("Lax")
        .maxAge(0).build();
    return HttpResponse.of(ResponseHeaders.builder(HttpStatus.NO_CONTENT).add(HttpHeaderNames.SET_COOKIE, gone.toSetCookieHeader())
        .build());
  }

  private HttpResponse session(com.linecorp.armeria.common.RequestHeaders headers) {
    Optional<Principal> p = AuthDecorator.sessionCookie(headers).flatMap(sessions::principal);
    if (p.isEmpty()) {
      return HttpResponse.of(HttpStatus.UNAUTHORIZED, MediaType.JSON_UTF_8, "{\"status\":401,\"error\":\"not logged in\",\"login\":\"/auth/login\"}");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", p.get().name());
    body.put("tenant", p.get().tenant());
    body.put("role", p.get().role().name());
    body.put("permissions", java.util.Arrays.stream(Permission.values()).filter(p.get()::allows).map(Permission::text).toList());
    try {
      return HttpResponse.of(HttpStatus.OK, MediaType.JSON_UTF_8, JSON.writeValueAsBytes(body));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private String exchange(String code, String verifier) throws LoginFailed {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("code", code);
    form.put("redirect_uri", settings.redirectUri().toString());
    form.put("client_id", settings.clientId());
    form.put("code_verifier", verifier);
    HttpRequest.Builder request = HttpRequest.newBuilder(endpoints().token()).timeout(EXCHANGE_TIMEOUT)
        .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(form(form)));
    if (!settings.clientSecret().isEmpty()) {
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((encode(settings.clientId()) + ":"
          + encode(settings.clientSecret())).getBytes(StandardCharsets.UTF_8)));
    }
    JsonNode answer;
    int status;
    try {
      java.net.http.HttpResponse<String> r = http.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      status = r.statusCode();
      answer = JSON.readTree(r.body());
    } catch (IOException e) {
      throw new LoginFailed("the token endpoint " + endpoints().token() + " did not answer usably: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LoginFailed("interrupted while exchanging the code");
    }
    if (status != 200 || answer == null || !answer.path("id_token").isTextual()) {
      String error = answer == null ? "" : answer.path("error").asText("") + " " + answer.path("error_description").asText("");
      throw new LoginFailed("the token endpoint refused the code (HTTP " + status + (error.isBlank() ? "" : ": " + error.trim()) + ")");
    }
    return answer.path("id_token").asText();
  }

  private VerifiedToken verify(String idToken) throws LoginFailed {
    try {
      return idTokens.verify(idToken);
    } catch (JwtRejectedException e) {
      throw new LoginFailed("the ID token is not valid: " + e.getMessage());
    }
  }

  /** The provider's endpoints: configured, else from its discovery document, read once. */
  private Endpoints endpoints() throws LoginFailed {
    Endpoints known = endpoints;
    if (known != null) {
      return known;
    }
    URI discovery = URI.create(settings.idTokens().issuer().replaceAll("/+$", "") + "/.well-known/openid-configuration");
    try {
      java.net.http.HttpResponse<String> r = http.send(HttpRequest.newBuilder(discovery).timeout(EXCHANGE_TIMEOUT).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      JsonNode doc = JSON.readTree(r.body());
      if (r.statusCode() != 200 || doc == null || !doc.path("authorization_endpoint").isTextual() || !doc.path("token_endpoint").isTextual()) {
        throw new LoginFailed("the discovery document " + discovery + " (HTTP " + r.statusCode()
            + ") has no authorization_endpoint and token_endpoint; set auth.oidc.authorization.endpoint and auth.oidc.token.endpoint");
      }
      Endpoints found = new Endpoints(
          settings.authorizationEndpoint() != null ? settings.authorizationEndpoint() : URI.create(doc.path("authorization_endpoint").asText()),
          settings.tokenEndpoint() != null ? settings.tokenEndpoint() : URI.create(doc.path("token_endpoint").asText()));
      endpoints = found;
      return found;
    } catch (IOException | IllegalArgumentException e) {
      throw new LoginFailed("cannot read the discovery document " + discovery + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LoginFailed("interrupted while reading " + discovery);
    }
  }

  static String challenge(String verifier) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String form(Map<String, String> fields) {
    return fields.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static HttpResponse text(HttpStatus status, String message) {
    return HttpResponse.of(status, MediaType.PLAIN_TEXT_UTF_8, message);
  }
}
