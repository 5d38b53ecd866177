package dev.sightline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web UI login against a local OIDC provider that checks what a real one checks (client id,
 * redirect URI, PKCE S256 verifier) and signs ID tokens with the nonce: the browser's round trip
 * ends in a session cookie that works on the API until logout; replays, mismatched verifiers and
 * cross-site writes are refused; logins and logouts are audited.
 */
class OidcLoginTest {
  private static final String ADMIN = "oidc-login-test-admin";
  private static final String CLIENT = "sightline-ui";
  @TempDir Path dir;
  private HttpServer idp;
  private RSAKey key;
  private final Map<String, Map<String, String>> codes = new ConcurrentHashMap<>();
  private TestServer server;
  private String issuer;

  @BeforeEach
  void start() throws Exception {
    key = new RSAKeyGenerator(2048).keyID("k1").generate();
    idp = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    issuer = "http://127.0.0.1:" + idp.getAddress().getPort();
    idp.createContext("/.well-known/openid-configuration", x -> send(x, 200, "{\"issuer\":\"" + issuer
        + "\",\"authorization_endpoint\":\"" + issuer + "/authorize\",\"token_endpoint\":\"" + issuer
        + "/token\",\"jwks_uri\":\"" + issuer + "/jwks\"}"));
    idp.createContext("/jwks", x -> send(x, 200, new JWKSet(key.toPublicJWK()).toString()));
    idp.createContext("/authorize", this::authorize);
    idp.createContext("/token", this::token);
    idp.start();
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    server = new TestServer(dir.resolve("data"), "--http.port=" + port, "--auth.enabled=true", "--auth.admin.key=" + ADMIN,
        "--auth.oidc.issuer=" + issuer, "--auth.oidc.jwks.uri=" + issuer + "/jwks", "--auth.oidc.client.id=" + CLIENT,
        "--auth.oidc.redirect.uri=http://127.0.0.1:" + port + "/auth/callback");
  }

  @AfterEach
  void stop() {
    server.close();
    idp.stop(0);
  }

  /** The user logs in at once: back to the redirect URI with a code bound to the challenge and nonce. */
  private void authorize(HttpExchange x) throws IOException {
    Map<String, String> q = query(x.getRequestURI().getRawQuery());
    if (!CLIENT.equals(q.get("client_id")) || !"code".equals(q.get("response_type"))
        || !"S256".equals(q.get("code_challenge_method")) || !q.getOrDefault("scope", "").startsWith("openid")) {
      send(x, 400, "{\"error\":\"invalid_request\"}");
      return;
    }
    String code = UUID.randomUUID().toString();
    codes.put(code, q);
    x.getResponseHeaders().add("Location", q.get("redirect_uri") + "?code=" + code + "&state="
        + URLEncoder.encode(q.get("state"), StandardCharsets.UTF_8));
    x.sendResponseHeaders(302, -1);
    x.close();
  }

  private void token(HttpExchange x) throws IOException {
    Map<String, String> form = query(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    Map<String, String> login = codes.remove(form.getOrDefault("code", ""));
    if (login == null || !"authorization_code".equals(form.get("grant_type")) || !CLIENT.equals(form.get("client_id"))
        || !login.get("redirect_uri").equals(form.get("redirect_uri"))
        || !login.get("code_challenge").equals(s256(form.getOrDefault("code_verifier", "")))) {
      send(x, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"code, client, redirect or verifier mismatch\"}");
      return;
    }
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").type(JOSEObjectType.JWT).build(),
          new JWTClaimsSet.Builder().issuer(issuer).audience(CLIENT).subject("ana@example.com").claim("roles", List.of("viewer"))
              .claim("tenant", "acme").claim("nonce", login.get("nonce")).expirationTime(Date.from(Instant.now().plusSeconds(300)))
              .issueTime(new Date()).build());
      jwt.sign(new RSASSASigner(key));
      send(x, 200, "{\"id_token\":\"" + jwt.serialize() + "\",\"token_type\":\"Bearer\"}");
    } catch (Exception e) {
      send(x, 500, "{\"error\":\"server_error\"}");
    }
  }

  private static String s256(String verifier) {
    try {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    for (String pair : raw == null ? new String[0] : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private static void send(HttpExchange x, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().add("Content-Type", "application/json");
    x.sendResponseHeaders(status, bytes.length);
    x.getResponseBody().write(bytes);
    x.close();
  }

  private HttpResponse<String> get(String url, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url.startsWith("http") ? url : server.api() + url));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return server.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String location(HttpResponse<?> r) {
    assertThat(r.statusCode()).as("a redirect").isEqualTo(302);
    return r.headers().firstValue("location").orElseThrow();
  }

  /** The provider's answer to a login: the callback URL with code and state. */
  private String loginAtProvider(String returnTo) throws Exception {
    String authorize = location(get("/auth/login?redirect=" + returnTo));
    assertThat(authorize).startsWith(issuer + "/authorize?").contains("code_challenge_method=S256").contains("nonce=");
    return location(get(authorize));
  }

  private static String cookie(HttpResponse<?> r) {
    String set = r.headers().firstValue("set-cookie").orElseThrow();
    assertThat(set).startsWith("sightline_session=").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax");
    return set.substring(0, set.indexOf(';'));
  }

  @Test
  void theBrowserRoundTripOpensASessionThatWorksUntilLogout() throws Exception {
    HttpResponse<String> done = get(loginAtProvider("/traces"));
    assertThat(location(done)).isEqualTo("/traces");
    String cookie = cookie(done);
    JsonNode me = TestServer.JSON.readTree(get("/auth/session", "Cookie", cookie).body());
    assertThat(me.get("name").asText()).isEqualTo("oidc:ana@example.com");
    assertThat(me.get("tenant").asText()).isEqualTo("acme");
    assertThat(me.get("role").asText()).isEqualTo("viewer");
    assertThat(get("/api/v1/services", "Cookie", cookie).statusCode()).isEqualTo(200);
    HttpResponse<String> write = server.http.send(HttpRequest.newBuilder(URI.create(server.api() + "/api/v1/silences"))
        .header("Cookie", cookie).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(write.statusCode()).as("a viewer's session cannot write").isEqualTo(403);

    HttpResponse<String> logout = server.http.send(HttpRequest.newBuilder(URI.create(server.api() + "/auth/logout"))
        .header("Cookie", cookie).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(logout.statusCode()).isEqualTo(204);
    HttpResponse<String> after = get("/api/v1/services", "Cookie", cookie);
    assertThat(after.statusCode()).isEqualTo(401);
    assertThat(after.body()).contains("the session has ended");

    JsonNode audit = TestServer.JSON.readTree(get("/api/v1/audit?action=log", "Authorization", "Bearer " + ADMIN).body()).get("entries");
    assertThat(audit).extracting(e -> e.get("action").asText() + " " + e.get("outcome").asText() + " " + e.get("actor").asText())
        .contains("login allowed oidc:ana@example.com", "logout allowed oidc:ana@example.com");
  }

  @Test
  void aReplayedOrMismatchedCallbackIsRefused() throws Exception {
    String callback = loginAtProvider("/");
    assertThat(get(callback).statusCode()).isEqualTo(302);
    HttpResponse<String> replay = get(callback);
    assertThat(replay.statusCode()).isEqualTo(401);
    assertThat(replay.body()).contains("unknown, used or expired login state");

    // The code of one login with the state (so the PKCE verifier) of another: the provider refuses it.
    Map<String, String> first = query(URI.create(loginAtProvider("/")).getRawQuery());
    Map<String, String> second = query(URI.create(loginAtProvider("/")).getRawQuery());
    HttpResponse<String> mixed = get("/auth/callback?code=" + first.get("code") + "&state="
        + URLEncoder.encode(second.get("state"), StandardCharsets.UTF_8));
    assertThat(mixed.statusCode()).isEqualTo(401);
    assertThat(mixed.body()).contains("the token endpoint refused the code").contains("invalid_grant");
    assertThat(mixed.headers().firstValue("set-cookie")).isEmpty();
  }

  @Test
  void aSessionCannotBeUsedForWritesFromAnotherSite() throws Exception {
    String cookie = cookie(get(loginAtProvider("/")));
    HttpResponse<String> forged = server.http.send(HttpRequest.newBuilder(URI.create(server.api() + "/api/v1/rules/validate"))
        .header("Cookie", cookie).header("Origin", "https://evil.example").header("Content-Type", "application/yaml")
        .POST(HttpRequest.BodyPublishers.ofString("groups: []\n")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.body()).contains("only change data from pages of this server");
  }

  @Test
  void onlyPagesOfThisServerAreReturnedTo() throws Exception {
    assertThat(location(get(loginAtProvider("//evil.example/x")))).isEqualTo("/");
  }
}
