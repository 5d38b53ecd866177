package dev.sightline.security;

/** An encrypted value that cannot be decrypted; the message says why, never with key material. */
public final class FieldCipherException extends RuntimeException {
  public FieldCipherException(String message) {
    super(message);
  }

  public FieldCipherException(String message, Throwable cause) {
    super(message, cause);
  }
}
