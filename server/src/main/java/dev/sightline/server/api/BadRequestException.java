package dev.sightline.server.api;

/** A query parameter is wrong; the message names it and the expected form. Answered with 400. */
final class BadRequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  BadRequestException(String message) {
    super(message, null, false, false);
  }
}
