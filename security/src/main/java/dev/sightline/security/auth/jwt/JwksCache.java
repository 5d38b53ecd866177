package dev.sightline.security.auth.jwt;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import dev.sightline.security.auth.jwt.JwtRejectedException.Reason;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The issuer's public signing keys, fetched from its JWKS URL and kept for the cache TTL. A key id
 * that is not in the set usually means the issuer rotated its keys, so it causes one refetch; such
 * refetches, and retries after a failed fetch, are at most one per refetch interval, so a stream of
 * forged key ids cannot turn into a stream of requests to the issuer. When a refresh fails, the
 * keys already held stay in use rather than refusing every token while the issuer is down.
 *
 * <p>Safe for concurrent use: lookups read an immutable snapshot; fetches take the lock.
 */
final class JwksCache {
  private record Snapshot(JWKSet keys, Instant fetchedAt) {}

  private static final Logger LOG = LoggerFactory.getLogger(JwksCache.class);
  private static final int MAX_BODY_CHARS = 1 << 20;
  private final HttpClient http;
  private final URI uri;
  private final Duration ttl;
  private final Duration refetchInterval;
  private final Duration timeout;
  private final Clock clock;
  private volatile @Nullable Snapshot snapshot;
  // Guarded by this.
  private @Nullable Instant lastUnknownKeyFetch;
  private @Nullable Instant lastFailureAt;
  private @Nullable JwtRejectedException lastFailure;

  JwksCache(HttpClient http, JwtVerifierConfig config, Clock clock) {
    this.http = requireNonNull(http, "http");
    this.uri = config.jwksUri();
    this.ttl = config.jwksCacheTtl();
    this.refetchInterval = config.jwksRefetchInterval();
    this.timeout = config.jwksTimeout();
    this.clock = requireNonNull(clock, "clock");
  }

  /**
   * The signing keys that may have signed a token with this key id (every signing key when the
   * token names none).
   *
   * @throws JwtRejectedException with {@link Reason#UNKNOWN_KEY} when no key has that id even
   *     after a refetch, or {@link Reason#KEYS_UNAVAILABLE} when no keys could be fetched at all
   */
  List<JWK> candidates(@Nullable String keyId) throws JwtRejectedException {
    Snapshot before = snapshot;
    Snapshot current = fresh();
    List<JWK> found = select(current.keys(), keyId);
    // Keys fetched for this very token are as new as a refetch would give.
    if (found.isEmpty() && keyId != null && current == before) {
      synchronized (this) {
        found = refetchFor(keyId, current);
      }
    }
    if (found.isEmpty() && keyId != null) {
      throw new JwtRejectedException(Reason.UNKNOWN_KEY, "unknown key id " + JwtRejectedException.quote(keyId));
    }
    return found;
  }

  // Called with the lock held.
  private List<JWK> refetchFor(String keyId, Snapshot current) {
    Snapshot latest = requireNonNull(snapshot);
    Instant now = clock.instant();
    // Another thread may have refetched while this one waited for the lock.
    if (latest == current && elapsed(lastUnknownKeyFetch, now)) {
      lastUnknownKeyFetch = now;
      LOG.info("Token names unknown key id {}; fetching {} again", JwtRejectedException.quote(keyId), uri);
      latest = refreshKeepingStale(now);
    }
    return select(latest.keys(), keyId);
  }

  private Snapshot fresh() throws JwtRejectedException {
    Snapshot current = snapshot;
    if (current != null && clock.instant().isBefore(current.fetchedAt().plus(ttl))) {
      return current;
    }
    synchronized (this) {
      current = snapshot;
      Instant now = clock.instant();
      if (current != null && now.isBefore(current.fetchedAt().plus(ttl))) {
        return current; // another thread refreshed while this one waited
      }
      if (current == null) {
        if (lastFailure != null && !elapsed(lastFailureAt, now)) {
          throw lastFailure; // the issuer was just found down: do not ask again for every token
        }
        return fetch(now);
      }
      return elapsed(lastFailureAt, now) ? refreshKeepingStale(now) : current;
    }
  }

  private Snapshot refreshKeepingStale(Instant now) {
    Snapshot stale = requireNonNull(snapshot);
    try {
      return fetch(now);
    } catch (JwtRejectedException e) {
      LOG.warn("Keeping the signing keys fetched at {}: {}", stale.fetchedAt(), e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
      return stale;
    }
  }

  // Called with the lock held.
  private Snapshot fetch(Instant now) throws JwtRejectedException {
    try {
      JWKSet keys = JWKSet.parse(download()).toPublicJWKSet();
      Snapshot fetched = new Snapshot(keys, now);
      snapshot = fetched;
      lastFailure = null;
      lastFailureAt = null;
      LOG.debug("Fetched {} signing keys from {}", keys.size(), uri);
      return fetched;
    } catch (IOException | ParseException e) {
      return failed(now, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed(now, e);
    }
  }

  private Snapshot failed(Instant now, Exception cause) throws JwtRejectedException {
    // The message goes to the client, so it leaves out the internal address; the cause has it.
    lastFailure = new JwtRejectedException(
        Reason.KEYS_UNAVAILABLE,
        "signing keys are unavailable: the issuer's JWKS could not be fetched",
        new IOException("JWKS " + uri + ": " + cause.getMessage(), cause));
    lastFailureAt = now;
    throw lastFailure;
  }

  private String download() throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET().build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("answered HTTP " + response.statusCode());
    }
    if (response.body().length() > MAX_BODY_CHARS) {
      throw new IOException("answered " + response.body().length() + " characters, more than a JWKS needs");
    }
    return response.body();
  }

  private boolean elapsed(@Nullable Instant since, Instant now) {
    return since == null || !now.isBefore(since.plus(refetchInterval));
  }

  private static List<JWK> select(JWKSet keys, @Nullable String keyId) {
    return keys.getKeys().stream()
        .filter(key -> key.getKeyUse() == null || KeyUse.SIGNATURE.equals(key.getKeyUse()))
        .filter(key -> keyId == null || keyId.equals(key.getKeyID()))
        .toList();
  }
}
