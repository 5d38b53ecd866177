package dev.sightline.security.auth.jwt;

import static dev.sightline.security.auth.jwt.JwtRejectedException.quote;
import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.sightline.security.auth.jwt.JwtRejectedException.Reason;
import java.net.http.HttpClient;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Verifies OIDC/OAuth2 bearer tokens: a JWS signed by one of the issuer's published keys with an
 * allowed asymmetric algorithm, from the configured issuer, for the configured audience, and valid
 * now (within the allowed clock skew). Times come from the injected clock rather than Nimbus's
 * claims verifier, so tests and the rest of Sightline share one notion of now.
 *
 * <p>Safe for concurrent use. {@link #close()} releases the HTTP client if this verifier made it.
 */
public final class JwtVerifier implements AutoCloseable {
  private final JwtVerifierConfig config;
  private final Clock clock;
  private final JwksCache keys;
  private final ClaimPath roles;
  private final ClaimPath tenant;
  private final @Nullable HttpClient ownedHttp;

  /** A verifier with its own HTTP client, whose connect timeout is the JWKS timeout. */
  public JwtVerifier(JwtVerifierConfig config, Clock clock) {
    this(config, clock, HttpClient.newBuilder()
        .connectTimeout(requireNonNull(config, "config").jwksTimeout())
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build(), true);
  }

  /** A verifier fetching keys with the given client, which the caller keeps and closes. */
  public JwtVerifier(JwtVerifierConfig config, Clock clock, HttpClient http) {
    this(config, clock, http, false);
  }

  private JwtVerifier(JwtVerifierConfig config, Clock clock, HttpClient http, boolean owned) {
    this.config = requireNonNull(config, "config");
    this.clock = requireNonNull(clock, "clock");
    this.keys = new JwksCache(requireNonNull(http, "http"), config, clock);
    this.roles = new ClaimPath(config.rolesClaim());
    this.tenant = new ClaimPath(config.tenantClaim());
    this.ownedHttp = owned ? http : null;
  }

  /**
   * Verifies a compact-serialised token (without the {@code Bearer } prefix).
   *
   * @throws JwtRejectedException saying why the token is refused, in words fit for the client
   */
  public VerifiedToken verify(String token) throws JwtRejectedException {
    SignedJWT jwt = parse(requireNonNull(token, "token"));
    JWSHeader header = jwt.getHeader();
    JWSAlgorithm algorithm = header.getAlgorithm();
    if (!config.algorithms().contains(algorithm.getName())) {
      throw new JwtRejectedException(Reason.ALGORITHM, "alg " + quote(algorithm.getName()) + " is not allowed; expected one of " + config.algorithms().stream().sorted().toList());
    }
    JWTClaimsSet claims = claims(jwt);
    verifySignature(jwt, algorithm, header.getKeyID());
    Instant expiresAt = checkTimes(claims);
    checkIssuer(claims);
    checkAudience(claims);
    String subject = claims.getSubject();
    if (subject == null || subject.isBlank()) {
      throw new JwtRejectedException(Reason.CLAIM, "token has no sub claim");
    }
    String nonce;
    try {
      nonce = claims.getStringClaim("nonce");
    } catch (ParseException e) {
      throw new JwtRejectedException(Reason.CLAIM, "the nonce claim is not a string");
    }
    return new VerifiedToken(subject, tenant.string(claims), roles.strings(claims), expiresAt, nonce);
  }

  private static SignedJWT parse(String token) throws JwtRejectedException {
    JWT jwt;
    try {
      jwt = JWTParser.parse(token.strip());
    } catch (ParseException | RuntimeException e) {
      throw new JwtRejectedException(Reason.MALFORMED, "malformed token: expected a signed JWT (header.payload.signature)", e);
    }
    return switch (jwt) {
      case SignedJWT signed -> signed;
      case PlainJWT plain -> throw new JwtRejectedException(Reason.ALGORITHM, "alg none is not allowed");
      case EncryptedJWT encrypted -> throw new JwtRejectedException(Reason.MALFORMED, "malformed token: encrypted tokens are not accepted");
      default -> throw new JwtRejectedException(Reason.MALFORMED, "malformed token: expected a signed JWT (header.payload.signature)");
    };
  }

  private static JWTClaimsSet claims(SignedJWT jwt) throws JwtRejectedException {
    try {
      return jwt.getJWTClaimsSet();
    } catch (ParseException | RuntimeException e) {
      throw new JwtRejectedException(Reason.MALFORMED, "malformed token: the payload is not a JSON claims set", e);
    }
  }

  private void verifySignature(SignedJWT jwt, JWSAlgorithm algorithm, @Nullable String keyId) throws JwtRejectedException {
    List<JWK> candidates = keys.candidates(keyId);
    boolean usable = false;
    for (JWK key : candidates) {
      if (key.getAlgorithm() != null && !key.getAlgorithm().getName().equals(algorithm.getName())) {
        continue; // the issuer pinned this key to another algorithm
      }
      try {
        JWSVerifier verifier = verifierFor(key, algorithm);
        if (verifier == null) {
          continue;
        }
        usable = true;
        if (jwt.verify(verifier)) {
          return;
        }
      } catch (JOSEException e) {
        // A key the algorithm cannot use verifies nothing; the next candidate may.
      }
    }
    if (!usable) {
      throw new JwtRejectedException(Reason.SIGNATURE, keyId == null
          ? "signature does not verify: the token names no key id and no published key fits alg " + algorithm.getName()
          : "signature does not verify: key id " + quote(keyId) + " is not a key for alg " + algorithm.getName());
    }
    throw new JwtRejectedException(Reason.SIGNATURE, "signature does not verify");
  }

  private static @Nullable JWSVerifier verifierFor(JWK key, JWSAlgorithm algorithm) throws JOSEException {
    if (JWSAlgorithm.Family.RSA.contains(algorithm) && key instanceof RSAKey rsa) {
      return new RSASSAVerifier(rsa);
    }
    if (JWSAlgorithm.Family.EC.contains(algorithm) && key instanceof ECKey ec
        && ECDSAVerifier.SUPPORTED_ALGORITHMS.contains(algorithm)
        && Curve.forJWSAlgorithm(algorithm).contains(ec.getCurve())) {
      return new ECDSAVerifier(ec);
    }
    return null;
  }

  private Instant checkTimes(JWTClaimsSet claims) throws JwtRejectedException {
    Instant now = clock.instant();
    Duration skew = config.clockSkew();
    Instant expiresAt = instant(claims, "exp");
    if (expiresAt == null) {
      throw new JwtRejectedException(Reason.CLAIM, "token has no exp claim");
    }
    if (!now.isBefore(expiresAt.plus(skew))) {
      throw new JwtRejectedException(Reason.EXPIRED, "token expired at " + expiresAt);
    }
    Instant notBefore = instant(claims, "nbf");
    if (notBefore != null && now.isBefore(notBefore.minus(skew))) {
      throw new JwtRejectedException(Reason.NOT_YET_VALID, "token is not valid before " + notBefore);
    }
    Instant issuedAt = instant(claims, "iat");
    if (issuedAt != null && now.isBefore(issuedAt.minus(skew))) {
      throw new JwtRejectedException(Reason.NOT_YET_VALID, "token is issued in the future, at " + issuedAt);
    }
    return expiresAt;
  }

  private static @Nullable Instant instant(JWTClaimsSet claims, String name) throws JwtRejectedException {
    try {
      Date date = claims.getDateClaim(name);
      return date == null ? null : date.toInstant();
    } catch (ParseException e) {
      throw new JwtRejectedException(Reason.CLAIM, "claim '" + name + "' must be a number of seconds since the epoch", e);
    }
  }

  private void checkIssuer(JWTClaimsSet claims) throws JwtRejectedException {
    Object issuer = claims.getClaim("iss");
    if (!config.issuer().equals(issuer)) {
      throw new JwtRejectedException(Reason.ISSUER, issuer == null
          ? "token has no iss claim; expected " + quote(config.issuer())
          : "issuer " + quote(issuer) + " is not " + quote(config.issuer()));
    }
  }

  private void checkAudience(JWTClaimsSet claims) throws JwtRejectedException {
    Object claim = claims.getClaim("aud");
    List<?> audience = claim instanceof List<?> many ? many : claim == null ? List.of() : List.of(claim);
    if (audience.contains(config.audience())) {
      return;
    }
    String expected = quote(config.audience());
    throw new JwtRejectedException(Reason.AUDIENCE, switch (audience.size()) {
      case 0 -> "token has no aud claim; expected " + expected;
      case 1 -> "audience " + quote(audience.getFirst()) + " is not " + expected;
      default -> "audience " + quote(audience) + " does not include " + expected;
    });
  }

  @Override
  public void close() {
    if (ownedHttp != null) {
      ownedHttp.close();
    }
  }
}
