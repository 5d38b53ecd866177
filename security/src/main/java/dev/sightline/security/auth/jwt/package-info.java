/**
 * Verification of OIDC/OAuth2 bearer tokens (signed JWTs): {@link JwtVerifier} checks the
 * signature against the identity provider's JWKS (fetched over HTTP, cached, refetched on key
 * rotation), the issuer, audience and validity times against an injected clock, and maps the
 * subject, tenant and roles claims into a {@link VerifiedToken}. A refused token raises {@link
 * JwtRejectedException} with a reason that is safe to return to the client.
 */
@NullMarked
package dev.sightline.security.auth.jwt;

import org.jspecify.annotations.NullMarked;
