package dev.sightline.receivers.jaeger;

import java.util.List;

/** The spans of one request that decoded, each with its process, and why the others did not. */
record DecodedBatch(List<JaegerSpan> spans, List<String> problems) {

  /** The request body as a whole could not be read; nothing in it is stored. */
  static final class UnreadableBodyException extends Exception {
    private static final long serialVersionUID = 1L;

    UnreadableBodyException(String message) {
      super(message, null, false, false);
    }
  }
}
