package dev.sightline.security.auth.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/** Keys and signed tokens as an identity provider would issue them. */
final class Tokens {
  static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");
  static final String ISSUER = "https://idp.example.com/realms/sightline";
  static final String AUDIENCE = "sightline";

  private Tokens() {}

  static RSAKey rsaKey(String keyId) {
    try {
      return new RSAKeyGenerator(2048).keyID(keyId).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  static ECKey ecKey(String keyId) {
    try {
      return new ECKeyGenerator(Curve.P_256).keyID(keyId).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Claims of a token issued at T0, valid for five minutes, for the test issuer and audience. */
  static JWTClaimsSet.Builder claims() {
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .audience(AUDIENCE)
        .subject("alice")
        .issueTime(Date.from(T0))
        .notBeforeTime(Date.from(T0))
        .expirationTime(Date.from(T0.plus(Duration.ofMinutes(5))));
  }

  static String sign(JWK key, JWTClaimsSet claims) {
    return sign(key, key.getKeyID(), claims);
  }

  /** Signs with the key but names the given key id in the header. */
  static String sign(JWK key, String keyId, JWTClaimsSet claims) {
    try {
      boolean rsa = key instanceof RSAKey;
      SignedJWT jwt = new SignedJWT(
          new JWSHeader.Builder(rsa ? JWSAlgorithm.RS256 : JWSAlgorithm.ES256).keyID(keyId).build(), claims);
      jwt.sign(rsa ? new RSASSASigner((RSAKey) key) : new ECDSASigner((ECKey) key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
