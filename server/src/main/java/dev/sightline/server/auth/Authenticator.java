package dev.sightline.server.auth;

import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.RequestHeaders;
import dev.sightline.security.auth.ApiKeys;
import dev.sightline.security.auth.Principal;
import dev.sightline.security.auth.Role;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/**
 * Finds who sent a request: a key as {@code Authorization: Bearer <key>}, {@code X-API-Key: <key>},
 * or the password of HTTP basic auth (for shippers that only speak basic auth: Promtail, Logstash,
 * Fluent Bit); an API key, or the static admin key when one is configured.
 */
public final class Authenticator {
  private final ApiKeys keys;
  private final byte[] adminKey;
  private final String tenant;

  /** @param adminKey the static admin key, empty for none */
  public Authenticator(ApiKeys keys, String adminKey, String tenant) {
    this.keys = keys;
    this.adminKey = adminKey.getBytes(StandardCharsets.UTF_8);
    this.tenant = tenant;
  }

  /** The credential the request carries, if any. */
  static Optional<String> credential(RequestHeaders headers) {
    String auth = headers.get(HttpHeaderNames.AUTHORIZATION, "").trim();
    if (auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.of(auth.substring(7).trim());
    }
    if (auth.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String pair = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        return colon < 0 ? Optional.empty() : Optional.of(pair.substring(colon + 1));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
    String header = headers.get("x-api-key");
    return header == null || header.isBlank() ? Optional.empty() : Optional.of(header.trim());
  }

  public Optional<Principal> authenticate(String credential) {
    if (adminKey.length > 0 && MessageDigest.isEqual(adminKey, credential.getBytes(StandardCharsets.UTF_8))) {
      return Optional.of(new Principal("static-admin", tenant, Role.BUILT_IN.get("admin")));
    }
    return keys.authenticate(credential);
  }
}
