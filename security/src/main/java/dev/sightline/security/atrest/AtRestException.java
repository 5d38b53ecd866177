package dev.sightline.security.atrest;

/**
 * Encrypted data or a key cannot be used: a master key is missing or wrong, a data key version is
 * unknown, or ciphertext fails authentication. The message says which and never holds key material.
 */
public final class AtRestException extends RuntimeException {
  public AtRestException(String message) {
    super(message);
  }

  public AtRestException(String message, Throwable cause) {
    super(message, cause);
  }
}
