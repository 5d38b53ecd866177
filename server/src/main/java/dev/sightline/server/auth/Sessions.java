package dev.sightline.server.auth;

import dev.sightline.security.auth.Principal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Web UI sessions after an OIDC login: a random 256-bit id in an HttpOnly cookie, the principal
 * kept here under the id's SHA-256 (so a heap dump shows no usable id), until the session's end
 * or logout. Kept in memory: a restart asks users to log in again. Bounded in number; the
 * oldest sessions are dropped first when full.
 */
public final class Sessions {
  public static final String COOKIE = "sightline_session";
  private static final int MAX_SESSIONS = 50_000;
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final Duration ttl;
  private final Clock clock;

  private record Session(Principal principal, Instant ends) {}

  public Sessions(Duration ttl, Clock clock) {
    this.ttl = ttl;
    this.clock = clock;
  }

  public Duration ttl() {
    return ttl;
  }

  /** Opens a session for the principal, ending at {@code ends} or after the session lifetime, whichever is first; returns its id. */
  public String open(Principal principal, Instant ends) {
    Instant now = clock.instant();
    if (sessions.size() >= MAX_SESSIONS) {
      sessions.values().removeIf(s -> !s.ends().isAfter(now));
      if (sessions.size() >= MAX_SESSIONS) {
        sessions.entrySet().stream().min(Map.Entry.comparingByValue(java.util.Comparator.comparing(Session::ends)))
            .ifPresent(oldest -> sessions.remove(oldest.getKey()));
      }
    }
    byte[] id = new byte[32];
    RANDOM.nextBytes(id);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    Instant limit = now.plus(ttl);
    sessions.put(hash(token), new Session(principal, ends.isBefore(limit) ? ends : limit));
    return token;
  }

  public Optional<Principal> principal(String token) {
    String key = hash(token);
    Session s = sessions.get(key);
    if (s == null) {
      return Optional.empty();
    }
    if (!s.ends().isAfter(clock.instant())) {
      sessions.remove(key);
      return Optional.empty();
    }
    return Optional.of(s.principal());
  }

  public boolean close(String token) {
    return sessions.remove(hash(token)) != null;
  }

  private static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
