package dev.sightline.security;

/** The keystore file cannot be used; the message names the file and what is wrong. */
public final class KeyRingException extends RuntimeException {
  public KeyRingException(String message) {
    super(message);
  }

  public KeyRingException(String message, Throwable cause) {
    super(message, cause);
  }
}
