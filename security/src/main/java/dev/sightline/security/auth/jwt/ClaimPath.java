package dev.sightline.security.auth.jwt;

import static dev.sightline.security.auth.jwt.JwtRejectedException.quote;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.sightline.security.auth.jwt.JwtRejectedException.Reason;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A claim named in the configuration: a top-level name, or a dotted path into nested objects such
 * as Keycloak's {@code realm_access.roles}. A top-level claim whose name itself contains dots (the
 * namespaced {@code https://example.com/roles} style) wins over the path reading.
 */
record ClaimPath(String name) {
  @Nullable Object find(JWTClaimsSet claims) {
    Object whole = claims.getClaim(name);
    if (whole != null || !name.contains(".")) {
      return whole;
    }
    Object node = claims.getClaims();
    for (String step : name.split("\\.")) {
      if (!(node instanceof Map<?, ?> object)) {
        return null;
      }
      node = object.get(step);
    }
    return node;
  }

  /** A string claim, or null when absent. */
  @Nullable String string(JWTClaimsSet claims) throws JwtRejectedException {
    Object value = find(claims);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw new JwtRejectedException(Reason.CLAIM, "claim " + quote(name) + " must be a string");
  }

  /**
   * A list of strings from an array, or from one string split at spaces and commas (the OAuth
   * {@code scope} style); empty when absent.
   */
  List<String> strings(JWTClaimsSet claims) throws JwtRejectedException {
    Object value = find(claims);
    Set<String> result = new LinkedHashSet<>();
    if (value == null) {
      return List.of();
    } else if (value instanceof String text) {
      for (String part : text.split("[\\s,]+")) {
        if (!part.isEmpty()) {
          result.add(part);
        }
      }
    } else if (value instanceof List<?> items) {
      for (Object item : items) {
        if (!(item instanceof String text)) {
          throw new JwtRejectedException(Reason.CLAIM, "claim " + quote(name) + " must be a string or an array of strings");
        }
        result.add(text);
      }
    } else {
      throw new JwtRejectedException(Reason.CLAIM, "claim " + quote(name) + " must be a string or an array of strings");
    }
    return List.copyOf(new ArrayList<>(result));
  }
}
