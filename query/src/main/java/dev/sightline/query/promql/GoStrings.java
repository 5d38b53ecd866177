package dev.sightline.query.promql;

import java.math.BigDecimal;

/**
 * Go's string and number formatting where Prometheus's output depends on it: quoting in error
 * messages, unquoting of PromQL string literals, and the shortest decimal form of a float.
 */
final class GoStrings {
  private GoStrings() {}

  /** Like Go's {@code %q}. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        case '\r' -> b.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            b.append(String.format("\\x%02x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  /** Like Go's {@code %.10q...} for long texts and {@code %q} otherwise. */
  static String quoteTruncated(String s) {
    return s.length() > 10 ? quote(s.substring(0, 10)) + "..." : quote(s);
  }

  /** Like Go's {@code %#U}: {@code U+0063 'c'}. */
  static String codePoint(int cp) {
    return String.format("U+%04X '%s'", cp, new String(Character.toChars(cp)));
  }

  /** Like Go's {@code %q} for a single rune: {@code '.'}. */
  static String quoteRune(int cp) {
    return "'" + new String(Character.toChars(cp)) + "'";
  }

  /**
   * Unquotes a string literal as written in a query (single, double or back quotes). The lexer has
   * already rejected bad escapes, so this does not validate again.
   */
  static String unquote(String quoted) {
    char q = quoted.charAt(0);
    String body = quoted.substring(1, quoted.length() - 1);
    if (q == '`') {
      return body;
    }
    StringBuilder b = new StringBuilder(body.length());
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c != '\\') {
        b.append(c);
        continue;
      }
      char e = body.charAt(++i);
      switch (e) {
        case 'a' -> b.append('\u0007');
        case 'b' -> b.append('\b');
        case 'f' -> b.append('\f');
        case 'n' -> b.append('\n');
        case 'r' -> b.append('\r');
        case 't' -> b.append('\t');
        case 'v' -> b.append('\u000b');
        case 'x' -> {
          b.append((char) Integer.parseInt(body.substring(i + 1, i + 3), 16));
          i += 2;
        }
        case 'u' -> {
          b.appendCodePoint(Integer.parseInt(body.substring(i + 1, i + 5), 16));
          i += 4;
        }
        case 'U' -> {
          b.appendCodePoint(Integer.parseInt(body.substring(i + 1, i + 9), 16));
          i += 8;
        }
        default -> {
          if (e >= '0' && e <= '7') {
            b.append((char) Integer.parseInt(body.substring(i, i + 3), 8));
            i += 2;
          } else {
            b.append(e);
          }
        }
      }
    }
    return b.toString();
  }

  /** Go's {@code strconv.FormatFloat(v, 'f', -1, 64)}: shortest digits, never an exponent. */
  static String formatFloat(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == 0) {
      return (Double.doubleToRawLongBits(v) < 0) ? "-0" : "0";
    }
    return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
  }
}
