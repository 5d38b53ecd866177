package dev.sightline.server.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logins under way: for each {@code state} sent to the provider, the PKCE verifier, the nonce the
 * ID token must carry and the page to return to. Each is used once and lasts ten minutes; bounded.
 */
final class PendingLogins {
  private static final int MAX_PENDING = 10_000;
  private static final Duration LIFETIME = Duration.ofMinutes(10);
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final Clock clock;

  record Pending(String verifier, String nonce, String returnTo, Instant expires) {}

  PendingLogins(Clock clock) {
    this.clock = clock;
  }

  static String random() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** Starts a login; returns its state. */
  String start(Pending login) {
    Instant now = clock.instant();
    if (pending.size() >= MAX_PENDING) {
      pending.values().removeIf(p -> !p.expires().isAfter(now));
      if (pending.size() >= MAX_PENDING) {
        throw new IllegalStateException("too many logins under way; try again in a few minutes");
      }
    }
    String state = random();
    pending.put(state, login);
    return state;
  }

  Pending create(String returnTo) {
    return new Pending(random(), random(), returnTo, clock.instant().plus(LIFETIME));
  }

  /** Takes the login of the state, once; empty when unknown, used or expired. */
  Optional<Pending> finish(String state) {
    Pending p = pending.remove(state);
    return p == null || !p.expires().isAfter(clock.instant()) ? Optional.empty() : Optional.of(p);
  }
}
