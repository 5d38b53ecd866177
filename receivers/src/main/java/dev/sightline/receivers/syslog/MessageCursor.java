package dev.sightline.receivers.syslog;

/** A read position in one message's text, for the header fields that are separated by spaces. */
final class MessageCursor {
  private final String text;
  private int pos;

  MessageCursor(String text) {
    this.text = text;
  }

  boolean atEnd() {
    return pos >= text.length();
  }

  char peek() {
    return text.charAt(pos);
  }

  /** The next character, consumed. */
  char next() {
    return text.charAt(pos++);
  }

  int position() {
    return pos;
  }

  void reset(int position) {
    pos = position;
  }

  /** Consumes {@code c} if it is next. */
  boolean skip(char c) {
    if (pos < text.length() && text.charAt(pos) == c) {
      pos++;
      return true;
    }
    return false;
  }

  /** Up to {@code max} ASCII digits (possibly none). */
  String digits(int max) {
    int start = pos;
    while (pos < text.length() && pos - start < max && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
      pos++;
    }
    return text.substring(start, pos);
  }

  /** Characters up to the next space or the end (possibly none); the space is not consumed. */
  String token() {
    int start = pos;
    while (pos < text.length() && text.charAt(pos) != ' ') {
      pos++;
    }
    return text.substring(start, pos);
  }

  /** A header field followed by one space; the field must not be empty. */
  String field(String name) throws MalformedSyslog {
    String value = token();
    if (value.isEmpty()) {
      throw new MalformedSyslog(name + ": missing" + (atEnd() ? " (the message ends early)" : " (two spaces in a row)"));
    }
    if (!skip(' ')) {
      throw new MalformedSyslog(name + ": expected a space after '" + value + "' (the message ends early)");
    }
    return value;
  }

  String rest() {
    String r = text.substring(Math.min(pos, text.length()));
    pos = text.length();
    return r;
  }
}
