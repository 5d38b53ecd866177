package dev.sightline.receivers.zipkin;

import java.util.List;

/** The spans of one request that decoded, and why the others did not, by their index in the list. */
record DecodedSpans(List<ZipkinSpan> spans, List<String> problems) {

  /** The request body as a whole could not be read; nothing in it is stored. */
  static final class UnreadableBodyException extends Exception {
    private static final long serialVersionUID = 1L;

    UnreadableBodyException(String message) {
      super(message, null, false, false);
    }
  }
}
