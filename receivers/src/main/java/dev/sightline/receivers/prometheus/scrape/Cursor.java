package dev.sightline.receivers.prometheus.scrape;

import java.util.Map;

/** A position in one exposition line, with the token readers the formats share. */
final class Cursor {
  private final String line;
  private int pos;

  Cursor(String line) {
    this.line = line;
  }

  boolean atEnd() {
    return pos >= line.length();
  }

  char peek() {
    return line.charAt(pos);
  }

  String rest() {
    return line.substring(pos);
  }

  boolean spaceAhead() {
    return !atEnd() && (peek() == ' ' || peek() == '\t');
  }

  void skipHash() {
    pos++;
  }

  void skipSpaces() {
    while (spaceAhead()) {
      pos++;
    }
  }

  /** A metric or label name: {@code [a-zA-Z_:][a-zA-Z0-9_:]*}; empty when none starts here. */
  String name() {
    int start = pos;
    while (!atEnd()) {
      char c = peek();
      boolean ok = c == '_' || c == ':' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
          || (pos > start && c >= '0' && c <= '9');
      if (!ok) {
        break;
      }
      pos++;
    }
    return line.substring(start, pos);
  }

  /** Text up to the next space. */
  String token() {
    int start = pos;
    while (!atEnd() && peek() != ' ' && peek() != '\t') {
      pos++;
    }
    if (start == pos) {
      throw new IllegalArgumentException("expected a value, found the end of the line");
    }
    return line.substring(start, pos);
  }

  /** {@code {name="value",…}} with a trailing comma allowed, into {@code labels}. */
  void labels(Map<String, String> labels) {
    pos++; // '{'
    while (true) {
      skipSpaces();
      if (atEnd()) {
        throw new IllegalArgumentException("unterminated label set");
      }
      if (peek() == '}') {
        pos++;
        return;
      }
      String name = name();
      if (name.isEmpty()) {
        throw new IllegalArgumentException("expected a label name at '" + rest() + "'");
      }
      skipSpaces();
      expect('=');
      skipSpaces();
      String value = quoted();
      if (labels.put(name, value) != null) {
        throw new IllegalArgumentException("label '" + name + "' appears twice");
      }
      skipSpaces();
      if (!atEnd() && peek() == ',') {
        pos++;
      } else if (atEnd() || peek() != '}') {
        throw new IllegalArgumentException("expected ',' or '}' after label '" + name + "'");
      }
    }
  }

  private void expect(char c) {
    if (atEnd() || peek() != c) {
      throw new IllegalArgumentException("expected '" + c + "' at '" + rest() + "'");
    }
    pos++;
  }

  private String quoted() {
    expect('"');
    StringBuilder b = new StringBuilder();
    while (!atEnd()) {
      char c = line.charAt(pos++);
      if (c == '"') {
        return b.toString();
      }
      if (c == '\\' && !atEnd()) {
        char e = line.charAt(pos++);
        b.append(switch (e) {
          case 'n' -> '\n';
          case '\\' -> '\\';
          case '"' -> '"';
          default -> throw new IllegalArgumentException("unknown escape '\\" + e + "' in a label value");
        });
      } else {
        b.append(c);
      }
    }
    throw new IllegalArgumentException("unterminated label value");
  }

  /** A Go-style float: digits, exponent, {@code NaN}, {@code +Inf}, {@code -Inf}. */
  static double number(String text, String what) {
    switch (text.toLowerCase()) {
      case "nan":
        return Double.NaN;
      case "+inf", "inf":
        return Double.POSITIVE_INFINITY;
      case "-inf":
        return Double.NEGATIVE_INFINITY;
      default:
        break;
    }
    try {
      if (text.isEmpty() || Character.isLetter(text.charAt(text.length() - 1))) {
        throw new NumberFormatException(); // Java would read "1d" or "2f"
      }
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + " '" + text + "' is not a number");
    }
  }
}
