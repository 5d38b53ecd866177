package dev.sightline.server.auth;

import dev.sightline.security.auth.jwt.JwtVerifierConfig;
import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Web UI login through an OIDC provider (authorization code with PKCE).
 *
 * @param clientId the client registered at the provider ({@code auth.oidc.client.id})
 * @param clientSecret its secret for confidential clients, empty for public ones
 * @param redirectUri this server's {@code /auth/callback} as the provider knows it
 * @param authorizationEndpoint where browsers log in; null: from the provider's discovery document
 * @param tokenEndpoint where codes are exchanged; null: from the discovery document
 * @param scopes what to ask for, {@code openid} first
 * @param sessionTtl the longest a session lasts (the ID token's expiry does not end it)
 * @param idTokens how ID tokens are verified: the provider's issuer and keys, audience the client id
 */
public record LoginSettings(String clientId, String clientSecret, URI redirectUri, @Nullable URI authorizationEndpoint,
    @Nullable URI tokenEndpoint, String scopes, Duration sessionTtl, JwtVerifierConfig idTokens) {

  @Override
  public String toString() {
    return "LoginSettings[clientId=" + clientId + ", clientSecret=" + (clientSecret.isEmpty() ? "none" : "set")
        + ", redirectUri=" + redirectUri + ", sessionTtl=" + sessionTtl + "]";
  }
}
