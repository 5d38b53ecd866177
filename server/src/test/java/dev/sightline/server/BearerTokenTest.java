package dev.sightline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OIDC bearer tokens signed by a test issuer whose keys a local JWKS endpoint serves: a valid token
 * acts with the role it carries; expired, wrong-audience, wrongly signed and {@code alg: none}
 * tokens are 401 with the reason.
 */
class BearerTokenTest {
  private static final String ISSUER = "https://idp.test";
  @TempDir Path dir;

  private static String token(RSAKey key, String audience, Instant expires, List<String> roles) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
        new JWTClaimsSet.Builder().issuer(ISSUER).audience(audience).subject("ana@example.com").claim("roles", roles)
            .expirationTime(Date.from(expires)).issueTime(Date.from(Instant.now().minusSeconds(5))).build());
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  private static int status(TestServer server, String method, String path, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("/v1/") ? server.otlpHttp() + path : server.api() + path))
        .header("Authorization", "Bearer " + token);
    b.method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"));
    if (!method.equals("GET")) {
      b.header("Content-Type", "application/json");
    }
    HttpResponse<String> r = server.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    lastBody = r.body();
    return r.statusCode();
  }

  private static String lastBody = "";

  @Test
  void tokensOfTheIssuerAreAcceptedAndBadOnesRefusedWithTheReason() throws Exception {
    RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
    RSAKey stranger = new RSAKeyGenerator(2048).keyID("k1").generate();
    HttpServer jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
    jwks.createContext("/jwks", exchange -> {
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    jwks.start();
    try (TestServer server = new TestServer(dir.resolve("data"), "--auth.enabled=true", "--auth.oidc.issuer=" + ISSUER,
        "--auth.oidc.audience=sightline", "--auth.oidc.jwks.uri=http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks")) {
      Instant later = Instant.now().plusSeconds(600);
      String viewer = token(key, "sightline", later, List.of("viewer"));
      assertThat(status(server, "GET", "/api/v1/services", viewer)).isEqualTo(200);
      assertThat(status(server, "POST", "/v1/traces", viewer)).isEqualTo(403);
      assertThat(lastBody).contains("role viewer of jwt:ana@example.com lacks write:traces");
      assertThat(status(server, "POST", "/v1/traces", token(key, "sightline", later, List.of("guest", "operator")))).isEqualTo(200);
      assertThat(status(server, "GET", "/api/v1/services", token(key, "sightline", later, List.of("guest")))).as("no known role")
          .isEqualTo(403);

      assertThat(status(server, "GET", "/api/v1/services", token(key, "sightline", Instant.now().minusSeconds(300),
          List.of("admin")))).isEqualTo(401);
      assertThat(lastBody).contains("token expired at");
      assertThat(status(server, "GET", "/api/v1/services", token(key, "grafana", later, List.of("admin")))).isEqualTo(401);
      assertThat(lastBody).contains("audience");
      assertThat(status(server, "GET", "/api/v1/services", token(stranger, "sightline", later, List.of("admin")))).isEqualTo(401);
      assertThat(lastBody).contains("signature does not verify");
      String[] parts = token(key, "sightline", later, List.of("admin")).split("\\.");
      String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8))
          + "." + parts[1] + ".";
      assertThat(status(server, "GET", "/api/v1/services", none)).isEqualTo(401);
      assertThat(lastBody).contains("none");
    } finally {
      jwks.stop(0);
    }
  }
}
