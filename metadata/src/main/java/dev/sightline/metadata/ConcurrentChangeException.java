package dev.sightline.metadata;

/** An update named a version that another change has replaced: read again and retry. */
public final class ConcurrentChangeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConcurrentChangeException(String message) {
    super(message);
  }
}
