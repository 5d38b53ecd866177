package dev.sightline.security.auth.jwt;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * A bearer token was refused. The message says why and is safe to return to the client: it
 * repeats only what the token itself carries or what the issuer publishes, never key material or
 * internal addresses (those go to the cause, for the log).
 */
public final class JwtRejectedException extends Exception {
  /**
   * Why a token was refused; lets the HTTP layer answer 503 rather than 401 when the fault is the
   * identity provider's and not the token's.
   */
  public enum Reason {
    MALFORMED,
    ALGORITHM,
    UNKNOWN_KEY,
    SIGNATURE,
    EXPIRED,
    NOT_YET_VALID,
    ISSUER,
    AUDIENCE,
    CLAIM,
    KEYS_UNAVAILABLE
  }

  private static final long serialVersionUID = 1L;
  private final Reason reason;

  public JwtRejectedException(Reason reason, String message) {
    this(reason, message, null);
  }

  public JwtRejectedException(Reason reason, String message, @Nullable Throwable cause) {
    super(requireNonNull(message, "message"), cause);
    this.reason = requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }

  /** Quotes a value taken from the token, cut short so a hostile token cannot flood a reply or log. */
  static String quote(@Nullable Object value) {
    String text = String.valueOf(value);
    return "'" + (text.length() > 80 ? text.substring(0, 80) + "…" : text) + "'";
  }
}
