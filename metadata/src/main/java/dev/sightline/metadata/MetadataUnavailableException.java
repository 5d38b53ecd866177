package dev.sightline.metadata;

/** The metadata store could not be reached or did not answer; the message names it. */
public final class MetadataUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MetadataUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
