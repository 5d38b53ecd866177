package dev.sightline.query.promql;

/** One lexical token: its type, its text as written and its byte offset in the query. */
record Token(TokenType type, String text, int pos) {
  String describe() {
    return type.describe(text);
  }

  int end() {
    return pos + text.length();
  }
}
