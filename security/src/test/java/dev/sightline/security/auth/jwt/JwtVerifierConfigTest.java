package dev.sightline.security.auth.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JwtVerifierConfigTest {
  static final URI JWKS = URI.create("https://idp.example.com/certs");

  static JwtVerifierConfig.Builder builder() {
    return JwtVerifierConfig.builder("https://idp.example.com", "sightline", JWKS);
  }

  @Test
  void defaults() {
    JwtVerifierConfig config = builder().build();

    assertThat(config.rolesClaim()).isEqualTo("roles");
    assertThat(config.tenantClaim()).isEqualTo("tenant");
    assertThat(config.clockSkew()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.jwksCacheTtl()).isEqualTo(Duration.ofMinutes(10));
    assertThat(config.jwksRefetchInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.jwksTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.algorithms()).containsExactlyInAnyOrder("RS256", "ES256");
  }

  @Test
  void refusesNoneAndHmacAlgorithms() {
    assertThatThrownBy(() -> builder().algorithms(Set.of("RS256", "none")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("auth.oidc.algorithms: 'none' is not supported");
    assertThatThrownBy(() -> builder().algorithms(Set.of("HS256")).build())
        .hasMessageContaining("HMAC and none are never accepted");
    assertThatThrownBy(() -> builder().algorithms(Set.of()).build())
        .hasMessageStartingWith("auth.oidc.algorithms: must name at least one of");
  }

  @Test
  void errorsNameTheKey() {
    assertThatThrownBy(() -> JwtVerifierConfig.builder(" ", "sightline", JWKS).build())
        .hasMessage("auth.oidc.issuer: must not be blank");
    assertThatThrownBy(() -> JwtVerifierConfig.builder("https://idp", "", JWKS).build())
        .hasMessage("auth.oidc.audience: must not be blank");
    assertThatThrownBy(() -> JwtVerifierConfig.builder("https://idp", "s", URI.create("file:/etc/jwks.json")).build())
        .hasMessage("auth.oidc.jwks.uri: expected an absolute http(s) URL, got 'file:/etc/jwks.json'");
    assertThatThrownBy(() -> builder().rolesClaim("realm_access..roles").build())
        .hasMessageStartingWith("auth.oidc.roles.claim: expected a claim name or a dotted path");
    assertThatThrownBy(() -> builder().clockSkew(Duration.ofSeconds(-1)).build())
        .hasMessage("auth.oidc.clock.skew: must be between PT0S and PT10M, got PT-1S");
    assertThatThrownBy(() -> builder().jwksCacheTtl(Duration.ZERO).build())
        .hasMessageStartingWith("auth.oidc.jwks.cache.ttl: must be between");
  }
}
