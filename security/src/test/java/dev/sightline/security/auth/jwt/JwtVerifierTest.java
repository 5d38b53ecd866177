package dev.sightline.security.auth.jwt;

import static dev.sightline.security.auth.jwt.Tokens.AUDIENCE;
import static dev.sightline.security.auth.jwt.Tokens.ISSUER;
import static dev.sightline.security.auth.jwt.Tokens.T0;
import static dev.sightline.security.auth.jwt.Tokens.claims;
import static dev.sightline.security.auth.jwt.Tokens.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import dev.sightline.security.auth.jwt.JwtRejectedException.Reason;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JwtVerifierTest {
  static final RSAKey RSA = Tokens.rsaKey("rsa-1");
  static final ECKey EC = Tokens.ecKey("ec-1");
  final MutableClock clock = new MutableClock(T0);
  JwksServer jwks;
  JwtVerifier verifier;

  @BeforeEach
  void start() throws IOException {
    jwks = new JwksServer(RSA, EC);
    verifier = verifier(JwtVerifierConfig.builder(ISSUER, AUDIENCE, jwks.uri()));
  }

  @AfterEach
  void stop() {
    verifier.close();
    jwks.close();
  }

  JwtVerifier verifier(JwtVerifierConfig.Builder config) {
    return new JwtVerifier(config.build(), clock);
  }

  @Test
  void acceptsRs256WithRolesArrayAndTenant() throws JwtRejectedException {
    String token = sign(RSA, claims().claim("roles", List.of("admin", "viewer")).claim("tenant", "acme").build());

    VerifiedToken verified = verifier.verify(token);

    assertThat(verified).isEqualTo(new VerifiedToken("alice", "acme", List.of("admin", "viewer"), T0.plusSeconds(300)));
  }

  @Test
  void acceptsEs256WithRolesAsOneStringAndNoTenant() throws JwtRejectedException {
    String token = sign(EC, claims().claim("roles", "viewer editor,viewer").build());

    VerifiedToken verified = verifier.verify(token);

    assertThat(verified.roles()).containsExactly("viewer", "editor");
    assertThat(verified.tenant()).isNull();
  }

  @Test
  void readsRolesAndTenantFromNestedPaths() throws JwtRejectedException {
    verifier.close();
    verifier = verifier(JwtVerifierConfig.builder(ISSUER, AUDIENCE, jwks.uri())
        .rolesClaim("realm_access.roles")
        .tenantClaim("org.id"));
    String token = sign(RSA, claims()
        .claim("realm_access", Map.of("roles", List.of("operator")))
        .claim("org", Map.of("id", "acme"))
        .build());

    VerifiedToken verified = verifier.verify(token);

    assertThat(verified.roles()).containsExactly("operator");
    assertThat(verified.tenant()).isEqualTo("acme");
  }

  @Test
  void prefersATopLevelClaimWhoseNameHasDots() throws JwtRejectedException {
    verifier.close();
    verifier = verifier(JwtVerifierConfig.builder(ISSUER, AUDIENCE, jwks.uri()).rolesClaim("https://sightline.dev/roles"));
    String token = sign(RSA, claims().claim("https://sightline.dev/roles", List.of("admin")).build());

    assertThat(verifier.verify(token).roles()).containsExactly("admin");
  }

  @Test
  void missingRolesAreEmptyAndRolesOfTheWrongTypeAreRefused() throws JwtRejectedException {
    assertThat(verifier.verify(sign(RSA, claims().build())).roles()).isEmpty();

    assertRejected(sign(RSA, claims().claim("roles", List.of("admin", 7)).build()),
        Reason.CLAIM, "claim 'roles' must be a string or an array of strings");
    assertRejected(sign(RSA, claims().claim("tenant", List.of("acme")).build()),
        Reason.CLAIM, "claim 'tenant' must be a string");
  }

  @Test
  void expiredBeyondTheSkewIsRefusedAndWithinTheSkewAccepted() throws JwtRejectedException {
    String token = sign(RSA, claims().build());

    clock.advance(Duration.ofMinutes(5).plusSeconds(59));
    assertThat(verifier.verify(token).subject()).isEqualTo("alice");

    clock.advance(Duration.ofSeconds(1));
    assertRejected(token, Reason.EXPIRED, "token expired at 2026-06-01T12:05:00Z");
  }

  @Test
  void notYetValidIsRefusedBeyondTheSkew() throws JwtRejectedException {
    var later = claims().notBeforeTime(java.util.Date.from(T0.plusSeconds(90)));
    assertRejected(sign(RSA, later.build()), Reason.NOT_YET_VALID, "token is not valid before 2026-06-01T12:01:30Z");

    var slightlyLater = claims().notBeforeTime(java.util.Date.from(T0.plusSeconds(30)));
    assertThat(verifier.verify(sign(RSA, slightlyLater.build())).subject()).isEqualTo("alice");

    var issuedInTheFuture = claims().issueTime(java.util.Date.from(T0.plusSeconds(120)));
    assertRejected(sign(RSA, issuedInTheFuture.build()), Reason.NOT_YET_VALID, "token is issued in the future, at 2026-06-01T12:02:00Z");
  }

  @Test
  void tokenWithoutExpiryIsRefused() {
    assertRejected(sign(RSA, claims().expirationTime(null).build()), Reason.CLAIM, "token has no exp claim");
  }

  @Test
  void wrongAudienceIsRefused() throws JwtRejectedException {
    assertRejected(sign(RSA, claims().audience("grafana").build()), Reason.AUDIENCE, "audience 'grafana' is not 'sightline'");
    assertRejected(sign(RSA, claims().audience(List.of("grafana", "loki")).build()),
        Reason.AUDIENCE, "audience '[grafana, loki]' does not include 'sightline'");
    assertRejected(sign(RSA, claims().audience((String) null).build()), Reason.AUDIENCE, "token has no aud claim; expected 'sightline'");

    assertThat(verifier.verify(sign(RSA, claims().audience(List.of("grafana", AUDIENCE)).build())).subject()).isEqualTo("alice");
  }

  @Test
  void wrongIssuerIsRefused() {
    assertRejected(sign(RSA, claims().issuer("https://evil.example.com").build()),
        Reason.ISSUER, "issuer 'https://evil.example.com' is not '" + ISSUER + "'");
  }

  @Test
  void tokenWithoutSubjectIsRefused() {
    assertRejected(sign(RSA, claims().subject(null).build()), Reason.CLAIM, "token has no sub claim");
  }

  @Test
  void algorithmsOutsideTheConfiguredSetAreRefused() {
    verifier.close();
    verifier = verifier(JwtVerifierConfig.builder(ISSUER, AUDIENCE, jwks.uri()).algorithms(java.util.Set.of("ES256")));

    assertRejected(sign(RSA, claims().build()), Reason.ALGORITHM, "alg 'RS256' is not allowed; expected one of [ES256]");
  }

  void assertRejected(String token, Reason reason, String message) {
    assertThatThrownBy(() -> verifier.verify(token))
        .isInstanceOf(JwtRejectedException.class)
        .hasMessage(message)
        .extracting(e -> ((JwtRejectedException) e).reason())
        .isEqualTo(reason);
  }
}
