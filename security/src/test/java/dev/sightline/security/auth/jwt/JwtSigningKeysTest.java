package dev.sightline.security.auth.jwt;

import static dev.sightline.security.auth.jwt.Tokens.AUDIENCE;
import static dev.sightline.security.auth.jwt.Tokens.ISSUER;
import static dev.sightline.security.auth.jwt.Tokens.T0;
import static dev.sightline.security.auth.jwt.Tokens.claims;
import static dev.sightline.security.auth.jwt.Tokens.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import dev.sightline.security.auth.jwt.JwtRejectedException.Reason;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Signatures, algorithms and the JWKS fetched from a real local server: rotation, rate limit, outage. */
class JwtSigningKeysTest {
  static final RSAKey RSA = Tokens.rsaKey("rsa-1");
  static final ECKey EC = Tokens.ecKey("ec-1");
  final MutableClock clock = new MutableClock(T0);
  JwksServer jwks;
  JwtVerifier verifier;

  @BeforeEach
  void start() throws IOException {
    jwks = new JwksServer(RSA, EC);
    verifier = verifierFor(jwks.uri());
  }

  @AfterEach
  void stop() {
    verifier.close();
    jwks.close();
  }

  JwtVerifier verifierFor(URI uri) {
    return new JwtVerifier(JwtVerifierConfig.builder(ISSUER, AUDIENCE, uri).build(), clock);
  }

  @Test
  void signatureByAnotherKeyWithThePublishedKeyIdIsRefused() {
    RSAKey impostor = Tokens.rsaKey("rsa-1");

    assertRejected(sign(impostor, claims().build()), Reason.SIGNATURE, "signature does not verify");
  }

  @Test
  void keyIdOfAKeyForAnotherAlgorithmIsRefused() {
    assertRejected(sign(RSA, "ec-1", claims().build()),
        Reason.SIGNATURE, "signature does not verify: key id 'ec-1' is not a key for alg RS256");
  }

  @Test
  void unsignedTokenIsRefused() {
    String header = base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}");
    String payload = base64Url(claims().build().toString());

    assertRejected(header + "." + payload + ".", Reason.ALGORITHM, "alg none is not allowed");
  }

  @Test
  void hmacTokenIsRefusedEvenWhenKeyedWithThePublicKey() throws Exception {
    // The classic algorithm confusion: an HMAC "signature" keyed with the published RSA modulus.
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1").build(), claims().build());
    jwt.sign(new MACSigner(RSA.toPublicJWK().getModulus().decode()));

    assertRejected(jwt.serialize(), Reason.ALGORITHM, "alg 'HS256' is not allowed; expected one of [ES256, RS256]");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "Bearer", "abc", "a.b", "a.b.c", "eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln", "....."})
  void malformedStringsAreRefused(String token) {
    assertThatThrownBy(() -> verifier.verify(token))
        .isInstanceOfSatisfying(JwtRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED))
        .hasMessageStartingWith("malformed token");
  }

  @Test
  void unknownKeyIdCausesOneRefetchThatFindsTheRotatedKey() throws JwtRejectedException {
    assertThat(verifier.verify(sign(RSA, claims().build())).subject()).isEqualTo("alice");
    assertThat(jwks.requests()).isEqualTo(1);

    RSAKey rotated = Tokens.rsaKey("rsa-2");
    jwks.publish(rotated, EC);
    clock.advance(Duration.ofSeconds(1));

    assertThat(verifier.verify(sign(rotated, claims().build())).subject()).isEqualTo("alice");
    assertThat(jwks.requests()).isEqualTo(2);
  }

  @Test
  void unknownKeyIdsWithinTheRefetchIntervalDoNotFetchAgain() throws JwtRejectedException {
    verifier.verify(sign(RSA, claims().build()));
    assertRejected(sign(Tokens.ecKey("ghost-1"), claims().build()), Reason.UNKNOWN_KEY, "unknown key id 'ghost-1'");
    assertThat(jwks.requests()).isEqualTo(2);

    clock.advance(Duration.ofSeconds(29));
    assertRejected(sign(Tokens.ecKey("ghost-2"), claims().build()), Reason.UNKNOWN_KEY, "unknown key id 'ghost-2'");
    assertThat(jwks.requests()).isEqualTo(2);

    clock.advance(Duration.ofSeconds(1));
    assertRejected(sign(Tokens.ecKey("ghost-3"), claims().build()), Reason.UNKNOWN_KEY, "unknown key id 'ghost-3'");
    assertThat(jwks.requests()).isEqualTo(3);
  }

  @Test
  void keysAreFetchedAgainAfterTheCacheTtl() throws JwtRejectedException {
    verifier.verify(sign(EC, claims().build()));
    clock.advance(Duration.ofMinutes(2));
    verifier.verify(sign(EC, claims().build()));
    assertThat(jwks.requests()).isEqualTo(1);

    jwks.publish(EC); // the issuer retires rsa-1
    clock.advance(Duration.ofMinutes(8));
    RSAKey stillSigned = RSA;
    var lateClaims = claims().expirationTime(java.util.Date.from(T0.plus(Duration.ofHours(1)))).build();

    assertRejected(sign(stillSigned, lateClaims), Reason.UNKNOWN_KEY, "unknown key id 'rsa-1'");
    assertThat(jwks.requests()).isEqualTo(2);
  }

  @Test
  void unreachableJwksGivesAClearErrorWithoutTheInternalAddress() {
    URI down = jwks.uri();
    jwks.close();
    verifier.close();
    verifier = verifierFor(down);

    assertThatThrownBy(() -> verifier.verify(sign(RSA, claims().build())))
        .isInstanceOfSatisfying(JwtRejectedException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.KEYS_UNAVAILABLE);
          assertThat(e.getCause()).hasMessageContaining(down.toString());
        })
        .hasMessage("signing keys are unavailable: the issuer's JWKS could not be fetched");
  }

  @Test
  void keysAlreadyFetchedStayInUseWhileTheJwksIsDown() throws JwtRejectedException {
    var longLived = claims().expirationTime(java.util.Date.from(T0.plus(Duration.ofHours(1)))).build();
    verifier.verify(sign(RSA, longLived));
    jwks.close();
    clock.advance(Duration.ofMinutes(11));

    assertThat(verifier.verify(sign(RSA, longLived)).subject()).isEqualTo("alice");
  }

  @Test
  void failedFetchIsNotRetriedWithinTheRefetchInterval() throws JwtRejectedException {
    jwks.answer(503);
    String token = sign(RSA, claims().build());
    assertRejected(token, Reason.KEYS_UNAVAILABLE, "signing keys are unavailable: the issuer's JWKS could not be fetched");
    clock.advance(Duration.ofSeconds(29));
    assertRejected(token, Reason.KEYS_UNAVAILABLE, "signing keys are unavailable: the issuer's JWKS could not be fetched");
    assertThat(jwks.requests()).isEqualTo(1);

    jwks.answer(200);
    clock.advance(Duration.ofSeconds(1));

    assertThat(verifier.verify(token).subject()).isEqualTo("alice");
    assertThat(jwks.requests()).isEqualTo(2);
  }

  static String base64Url(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  void assertRejected(String token, Reason reason, String message) {
    assertThatThrownBy(() -> verifier.verify(token))
        .isInstanceOfSatisfying(JwtRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason))
        .hasMessage(message);
  }
}
