package dev.sightline.security.auth.jwt;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a verified bearer token says about its caller.
 *
 * @param subject the {@code sub} claim
 * @param tenant the tenant claim, or null when the token carries none
 * @param roles the role claim, in token order, without duplicates; empty when absent
 * @param expiresAt the {@code exp} claim
 * @param nonce the {@code nonce} claim of an ID token, or null
 */
public record VerifiedToken(String subject, @Nullable String tenant, List<String> roles, Instant expiresAt,
    @Nullable String nonce) {
  public VerifiedToken {
    requireNonNull(subject, "subject");
    roles = List.copyOf(requireNonNull(roles, "roles"));
    requireNonNull(expiresAt, "expiresAt");
  }

  public VerifiedToken(String subject, @Nullable String tenant, List<String> roles, Instant expiresAt) {
    this(subject, tenant, roles, expiresAt, null);
  }
}
