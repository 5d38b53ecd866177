package dev.sightline.query.promql;

import java.util.List;

/**
 * The parser's view of the tokens: one token of look-ahead, and the lexer's error raised the
 * moment the parser reaches it.
 */
final class TokenStream {
  private final String query;
  private final List<Token> tokens;
  private int index;

  TokenStream(String query) {
    this.query = query;
    this.tokens = Lexer.lex(query);
  }

  String query() {
    return query;
  }

  Token peek() {
    return at(index);
  }

  Token peekSecond() {
    return index + 1 < tokens.size() ? at(index + 1) : at(tokens.size() - 1);
  }

  private Token at(int i) {
    Token t = tokens.get(i);
    if (t.type() == TokenType.ERROR) {
      throw PromqlException.parseError(query, t.pos(), t.text());
    }
    return t;
  }

  boolean is(TokenType type) {
    return peek().type() == type;
  }

  Token next() {
    Token t = peek();
    if (t.type() != TokenType.EOF) {
      index++;
    }
    return t;
  }

  /** The next token, which must have the given type, or Prometheus's "unexpected" error. */
  Token expect(TokenType type, String context, String expected) {
    if (!is(type)) {
      throw unexpected(context, expected);
    }
    return next();
  }

  /** "unexpected X[ in context][, expected Y]" about the next token. */
  PromqlException unexpected(String context, String expected) {
    Token t = peek();
    StringBuilder b = new StringBuilder("unexpected ").append(t.describe());
    if (!context.isEmpty()) {
      b.append(" in ").append(context);
    }
    if (!expected.isEmpty()) {
      b.append(", expected ").append(expected);
    }
    return error(t.pos(), b.toString());
  }

  PromqlException error(int pos, String message) {
    return PromqlException.parseError(query, pos, message);
  }
}
