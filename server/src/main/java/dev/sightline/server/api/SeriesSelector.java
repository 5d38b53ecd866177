package dev.sightline.server.api;

import dev.sightline.storage.LabelMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a Prometheus series selector such as {@code http_requests{route=~"/a.*",code!="500"}};
 * label names may hold dots ({@code service.name}) or be quoted.
 */
final class SeriesSelector {
  private final String text;
  private int pos;

  private SeriesSelector(String text) {
    this.text = text;
  }

  static List<LabelMatcher> parse(String selector) {
    return new SeriesSelector(selector.trim()).selector();
  }

  private List<LabelMatcher> selector() {
    List<LabelMatcher> matchers = new ArrayList<>();
    if (pos < text.length() && text.charAt(pos) != '{') {
      matchers.add(LabelMatcher.eq("__name__", name()));
    }
    skipSpaces();
    if (pos < text.length()) {
      expect('{');
      skipSpaces();
      while (peek() != '}') {
        String label = peek() == '"' ? quoted() : name();
        skipSpaces();
        LabelMatcher.Op op = op();
        skipSpaces();
        String value = quoted();
        try {
          matchers.add(new LabelMatcher(label, op, value));
        } catch (IllegalArgumentException e) {
          throw new BadRequestException("match[]: " + e.getMessage());
        }
        skipSpaces();
        if (peek() == ',') {
          pos++;
          skipSpaces();
        } else if (peek() != '}') {
          throw error("',' or '}'");
        }
      }
      pos++;
    }
    skipSpaces();
    if (pos != text.length()) {
      throw error("the end of the selector");
    }
    if (matchers.isEmpty()) {
      throw new BadRequestException("match[]: selector '" + text + "' has no matchers");
    }
    return matchers;
  }

  private LabelMatcher.Op op() {
    if (text.startsWith("=~", pos)) { pos += 2; return LabelMatcher.Op.RE; }
    if (text.startsWith("!~", pos)) { pos += 2; return LabelMatcher.Op.NRE; }
    if (text.startsWith("!=", pos)) { pos += 2; return LabelMatcher.Op.NEQ; }
    if (text.startsWith("=", pos)) { pos += 1; return LabelMatcher.Op.EQ; }
    throw error("one of =, !=, =~, !~");
  }

  private String name() {
    int start = pos;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      boolean ok = Character.isLetter(c) || c == '_' || c == ':' || (pos > start && (Character.isDigit(c) || c == '.'));
      if (!ok) {
        break;
      }
      pos++;
    }
    if (start == pos) {
      throw error("a name");
    }
    return text.substring(start, pos);
  }

  private String quoted() {
    char quote = peek();
    if (quote != '"' && quote != '\'') {
      throw error("a quoted string");
    }
    pos++;
    StringBuilder b = new StringBuilder();
    while (pos < text.length() && text.charAt(pos) != quote) {
      char c = text.charAt(pos++);
      if (c == '\\' && pos < text.length()) {
        char next = text.charAt(pos++);
        b.append(switch (next) { case 'n' -> '\n'; case 't' -> '\t'; default -> next; });
      } else {
        b.append(c);
      }
    }
    expect(quote);
    return b.toString();
  }

  private char peek() {
    if (pos >= text.length()) {
      throw error("more input");
    }
    return text.charAt(pos);
  }

  private void expect(char c) {
    if (pos >= text.length() || text.charAt(pos) != c) {
      throw error("'" + c + "'");
    }
    pos++;
  }

  private void skipSpaces() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private BadRequestException error(String expected) {
    return new BadRequestException("match[]: selector '" + text + "': expected " + expected
        + " at position " + pos);
  }
}
