package dev.sightline.otlp;

/** Client-supplied text quoted for an error message, cut short so messages stay readable. */
final class Quoted {
  private static final int SHOWN_CODE_POINTS = 80;

  private Quoted() {}

  static String of(String text) {
    if (text.codePointCount(0, text.length()) <= SHOWN_CODE_POINTS) {
      return "\"" + text + "\"";
    }
    return "\"" + text.substring(0, text.offsetByCodePoints(0, SHOWN_CODE_POINTS)) + "…\"";
  }
}
