package dev.sightline.security.auth.jwt;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * How bearer tokens are verified. Errors name the configuration key ({@code auth.oidc.*}) so a bad
 * setting stops start-up with the key and the reason.
 *
 * @param issuer the exact {@code iss} tokens must carry ({@code auth.oidc.issuer})
 * @param audience a value the {@code aud} claim must contain ({@code auth.oidc.audience})
 * @param jwksUri where the issuer publishes its signing keys ({@code auth.oidc.jwks.uri})
 * @param rolesClaim claim holding the roles, a string or an array of strings; a dotted path such
 *     as {@code realm_access.roles} reaches into nested objects ({@code auth.oidc.roles.claim})
 * @param tenantClaim claim holding the tenant, a string; dotted paths as for roles ({@code
 *     auth.oidc.tenant.claim})
 * @param clockSkew tolerance on {@code exp}, {@code nbf} and {@code iat} ({@code
 *     auth.oidc.clock.skew})
 * @param jwksCacheTtl how long fetched keys are used before they are fetched again ({@code
 *     auth.oidc.jwks.cache.ttl})
 * @param jwksRefetchInterval least time between two fetches caused by unknown key ids, and
 *     between retries after a failed fetch ({@code auth.oidc.jwks.refetch.interval})
 * @param jwksTimeout connect and request timeout of a JWKS fetch ({@code auth.oidc.jwks.timeout})
 * @param algorithms accepted signature algorithms ({@code auth.oidc.algorithms})
 */
public record JwtVerifierConfig(
    String issuer,
    String audience,
    URI jwksUri,
    String rolesClaim,
    String tenantClaim,
    Duration clockSkew,
    Duration jwksCacheTtl,
    Duration jwksRefetchInterval,
    Duration jwksTimeout,
    Set<String> algorithms) {

  /**
   * Asymmetric algorithms only: a shared-secret (HMAC) key would have to be known to every
   * verifier, and {@code none} is no signature at all.
   */
  public static final Set<String> SUPPORTED_ALGORITHMS =
      Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512");

  public static final String DEFAULT_ROLES_CLAIM = "roles";
  public static final String DEFAULT_TENANT_CLAIM = "tenant";
  public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);
  public static final Duration DEFAULT_JWKS_CACHE_TTL = Duration.ofMinutes(10);
  public static final Duration DEFAULT_JWKS_REFETCH_INTERVAL = Duration.ofSeconds(30);
  public static final Duration DEFAULT_JWKS_TIMEOUT = Duration.ofSeconds(5);
  public static final Set<String> DEFAULT_ALGORITHMS = Set.of("RS256", "ES256");

  public JwtVerifierConfig {
    issuer = nonBlank(issuer, "auth.oidc.issuer");
    audience = nonBlank(audience, "auth.oidc.audience");
    requireNonNull(jwksUri, "auth.oidc.jwks.uri");
    String scheme = jwksUri.getScheme();
    if (!jwksUri.isAbsolute() || !("https".equals(scheme) || "http".equals(scheme)) || jwksUri.getHost() == null) {
      throw new IllegalArgumentException(
          "auth.oidc.jwks.uri: expected an absolute http(s) URL, got '" + jwksUri + "'");
    }
    rolesClaim = claimPath(rolesClaim, "auth.oidc.roles.claim");
    tenantClaim = claimPath(tenantClaim, "auth.oidc.tenant.claim");
    within(clockSkew, Duration.ZERO, Duration.ofMinutes(10), "auth.oidc.clock.skew");
    within(jwksCacheTtl, Duration.ofSeconds(1), Duration.ofDays(1), "auth.oidc.jwks.cache.ttl");
    within(jwksRefetchInterval, Duration.ZERO, Duration.ofHours(1), "auth.oidc.jwks.refetch.interval");
    within(jwksTimeout, Duration.ofMillis(1), Duration.ofMinutes(1), "auth.oidc.jwks.timeout");
    requireNonNull(algorithms, "auth.oidc.algorithms");
    if (algorithms.isEmpty()) {
      throw new IllegalArgumentException("auth.oidc.algorithms: must name at least one of " + sorted());
    }
    for (String algorithm : algorithms) {
      if (!SUPPORTED_ALGORITHMS.contains(algorithm)) {
        throw new IllegalArgumentException(
            "auth.oidc.algorithms: '" + algorithm + "' is not supported; expected some of " + sorted()
                + " (HMAC and none are never accepted)");
      }
    }
    algorithms = Set.copyOf(algorithms);
  }

  /** Starts a configuration with every optional setting at its default. */
  public static Builder builder(String issuer, String audience, URI jwksUri) {
    return new Builder(issuer, audience, jwksUri);
  }

  private static String nonBlank(String value, String key) {
    requireNonNull(value, key);
    if (value.isBlank()) {
      throw new IllegalArgumentException(key + ": must not be blank");
    }
    return value;
  }

  private static String claimPath(String value, String key) {
    nonBlank(value, key);
    if (value.startsWith(".") || value.endsWith(".") || value.contains("..")) {
      throw new IllegalArgumentException(
          key + ": expected a claim name or a dotted path such as realm_access.roles, got '" + value + "'");
    }
    return value;
  }

  private static void within(Duration value, Duration min, Duration max, String key) {
    requireNonNull(value, key);
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new IllegalArgumentException(key + ": must be between " + min + " and " + max + ", got " + value);
    }
  }

  private static List<String> sorted() {
    return SUPPORTED_ALGORITHMS.stream().sorted().toList();
  }

  /** Builds a {@link JwtVerifierConfig}; unset values take the defaults above. */
  public static final class Builder {
    private final String issuer;
    private final String audience;
    private final URI jwksUri;
    private String rolesClaim = DEFAULT_ROLES_CLAIM;
    private String tenantClaim = DEFAULT_TENANT_CLAIM;
    private Duration clockSkew = DEFAULT_CLOCK_SKEW;
    private Duration jwksCacheTtl = DEFAULT_JWKS_CACHE_TTL;
    private Duration jwksRefetchInterval = DEFAULT_JWKS_REFETCH_INTERVAL;
    private Duration jwksTimeout = DEFAULT_JWKS_TIMEOUT;
    private Set<String> algorithms = DEFAULT_ALGORITHMS;

    private Builder(String issuer, String audience, URI jwksUri) {
      this.issuer = issuer;
      this.audience = audience;
      this.jwksUri = jwksUri;
    }

    public Builder rolesClaim(String rolesClaim) {
      this.rolesClaim = rolesClaim;
      return this;
    }

    public Builder tenantClaim(String tenantClaim) {
      this.tenantClaim = tenantClaim;
      return this;
    }

    public Builder clockSkew(Duration clockSkew) {
      this.clockSkew = clockSkew;
      return this;
    }

    public Builder jwksCacheTtl(Duration jwksCacheTtl) {
      this.jwksCacheTtl = jwksCacheTtl;
      return this;
    }

    public Builder jwksRefetchInterval(Duration jwksRefetchInterval) {
      this.jwksRefetchInterval = jwksRefetchInterval;
      return this;
    }

    public Builder jwksTimeout(Duration jwksTimeout) {
      this.jwksTimeout = jwksTimeout;
      return this;
    }

    public Builder algorithms(Set<String> algorithms) {
      this.algorithms = algorithms;
      return this;
    }

    public JwtVerifierConfig build() {
      return new JwtVerifierConfig(
          issuer, audience, jwksUri, rolesClaim, tenantClaim, clockSkew, jwksCacheTtl,
          jwksRefetchInterval, jwksTimeout, algorithms);
    }
  }
}
