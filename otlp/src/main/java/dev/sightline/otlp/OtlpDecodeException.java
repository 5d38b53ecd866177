package dev.sightline.otlp;

import org.jspecify.annotations.Nullable;

/**
 * An OTLP/JSON body that cannot be decoded; the message says what was wrong and where, by line
 * and column or by field path, and is meant for the client (HTTP 400).
 */
public final class OtlpDecodeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public OtlpDecodeException(String message) {
    super(message);
  }

  public OtlpDecodeException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
