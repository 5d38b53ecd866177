package dev.sightline.query.promql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a query into tokens the way Prometheus's lexer does, including its modes inside braces
 * (where keywords are plain identifiers) and brackets (where durations are expected). Lexing
 * stops at the first error, which becomes an {@link TokenType#ERROR} token carrying the message;
 * the parser reports it only when it gets there, as Prometheus does.
 */
final class Lexer {
  private final String input;
  private final List<Token> tokens = new ArrayList<>();
  private int pos;
  private int start;
  private int parenDepth;
  private boolean braceOpen;
  private boolean bracketOpen;
  private boolean gotColon;
  private boolean failed;

  private Lexer(String input) {
    this.input = input;
  }

  static List<Token> lex(String input) {
    Lexer l = new Lexer(input);
    l.run();
    return l.tokens;
  }

  private void run() {
    while (!failed) {
      if (braceOpen ? insideBraces() : statement()) {
        return;
      }
    }
  }

  private int next() {
    if (pos >= input.length()) {
      pos++;
      return -1;
    }
    return input.charAt(pos++);
  }

  private int peek() {
    return pos < input.length() ? input.charAt(pos) : -1;
  }

  private void emit(TokenType type) {
    tokens.add(new Token(type, input.substring(start, Math.min(pos, input.length())), start));
    start = pos;
  }

  private void error(String message) {
    tokens.add(new Token(TokenType.ERROR, message, start));
    failed = true;
  }

  private void skipSpaces() {
    while (isSpace(peek())) {
      pos++;
    }
    start = pos;
  }

  private boolean skipComment() {
    if (input.startsWith("#", pos)) {
      while (pos < input.length() && input.charAt(pos) != '\n' && input.charAt(pos) != '\r') {
        pos++;
      }
      start = pos;
      return true;
    }
    return false;
  }

  /** Lexes one token outside braces; returns true at the end of input. */
  private boolean statement() {
    if (skipComment()) {
      return false;
    }
    int r = next();
    if (r == -1) {
      pos = input.length();
      if (parenDepth != 0) {
        error("unclosed left parenthesis");
      } else if (bracketOpen) {
        error("unclosed left bracket");
      } else {
        emit(TokenType.EOF);
      }
      return true;
    }
    switch (r) {
      case ',' -> emit(TokenType.COMMA);
      case '*' -> emit(TokenType.MUL);
      case '/' -> emit(TokenType.DIV);
      case '%' -> emit(TokenType.MOD);
      case '+' -> emit(TokenType.ADD);
      case '-' -> emit(TokenType.SUB);
      case '^' -> emit(TokenType.POW);
      case '@' -> emit(TokenType.AT);
      case '=' -> {
        if (peek() == '=') {
          pos++;
          emit(TokenType.EQLC);
        } else if (peek() == '~') {
          error("unexpected character after '=': " + GoStrings.quoteRune('~'));
        } else {
          emit(TokenType.EQL);
        }
      }
      case '!' -> {
        int t = next();
        if (t == '=') {
          emit(TokenType.NEQ);
        } else {
          error("unexpected character after '!': " + quoteRuneOrEof(t));
        }
      }
      case '<' -> {
        if (peek() == '=') {
          pos++;
          emit(TokenType.LTE);
        } else {
          emit(TokenType.LSS);
        }
      }
      case '>' -> {
        if (peek() == '=') {
          pos++;
          emit(TokenType.GTE);
        } else {
          emit(TokenType.GTR);
        }
      }
      case '"', '\'' -> string((char) r);
      case '`' -> rawString();
      case '(' -> {
        emit(TokenType.LEFT_PAREN);
        parenDepth++;
      }
      case ')' -> {
        parenDepth--;
        if (parenDepth < 0) {
          // Prometheus reports this just after the parenthesis.
          start = pos;
          error("unexpected right parenthesis ')'");
        } else {
          emit(TokenType.RIGHT_PAREN);
        }
      }
      case '{' -> {
        emit(TokenType.LEFT_BRACE);
        braceOpen = true;
      }
      case '[' -> {
        if (bracketOpen) {
          error("unexpected left bracket '['");
          return false;
        }
        gotColon = false;
        emit(TokenType.LEFT_BRACKET);
        skipSpaces();
        bracketOpen = true;
        duration();
      }
      case ']' -> {
        if (!bracketOpen) {
          error("unexpected right bracket ']'");
          return false;
        }
        emit(TokenType.RIGHT_BRACKET);
        bracketOpen = false;
      }
      default -> {
        if (isSpace(r)) {
          skipSpaces();
        } else if (isDigit(r) || (r == '.' && isDigit(peek()))) {
          pos--;
          numberOrDuration();
        } else if (isAlpha(r) || r == ':') {
          if (!bracketOpen) {
            pos--;
            keywordOrIdentifier();
          } else if (gotColon) {
            error("unexpected colon " + GoStrings.quoteRune(r));
          } else {
            emit(TokenType.COLON);
            gotColon = true;
          }
        } else {
          error("unexpected character: " + GoStrings.quoteRune(r));
        }
      }
    }
    return false;
  }

  private boolean insideBraces() {
    if (skipComment()) {
      return false;
    }
    int r = next();
    if (r == -1) {
      pos = input.length();
      error("unexpected end of input inside braces");
      return true;
    }
    if (isSpace(r)) {
      skipSpaces();
    } else if (isAlpha(r)) {
      while (isAlphaNumeric(peek())) {
        pos++;
      }
      emit(TokenType.IDENTIFIER);
    } else if (r == ',') {
      emit(TokenType.COMMA);
    } else if (r == '"' || r == '\'') {
      string((char) r);
    } else if (r == '`') {
      rawString();
    } else if (r == '=') {
      if (peek() == '~') {
        pos++;
        emit(TokenType.EQL_REGEX);
      } else {
        emit(TokenType.EQL);
      }
    } else if (r == '!') {
      int nr = next();
      if (nr == '~') {
        emit(TokenType.NEQ_REGEX);
      } else if (nr == '=') {
        emit(TokenType.NEQ);
      } else {
        error("unexpected character after '!' inside braces: " + quoteRuneOrEof(nr));
      }
    } else if (r == '{') {
      error("unexpected left brace '{'");
    } else if (r == '}') {
      emit(TokenType.RIGHT_BRACE);
      braceOpen = false;
    } else {
      error("unexpected character inside braces: " + GoStrings.quoteRune(r));
    }
    return false;
  }

  private static String quoteRuneOrEof(int r) {
    return r == -1 ? "'\\uffff'" : GoStrings.quoteRune(r);
  }

  private void string(char quote) {
    while (true) {
      int c = next();
      if (c == '\\') {
        if (!escape(quote)) {
          return;
        }
      } else if (c == -1 || c == '\n') {
        error("unterminated quoted string");
        return;
      } else if (c == quote) {
        emit(TokenType.STRING);
        return;
      }
    }
  }

  /** Checks one escape sequence after a backslash; false after reporting an error. */
  private boolean escape(char quote) {
    int ch = next();
    int n;
    int base;
    int max;
    switch (ch) {
      case 'a', 'b', 'f', 'n', 'r', 't', 'v', '\\' -> {
        return true;
      }
      case '0', '1', '2', '3', '4', '5', '6', '7' -> {
        n = 3;
        base = 8;
        max = 255;
      }
      case 'x' -> {
        ch = next();
        n = 2;
        base = 16;
        max = 255;
      }
      case 'u' -> {
        ch = next();
        n = 4;
        base = 16;
        max = Character.MAX_CODE_POINT;
      }
      case 'U' -> {
        ch = next();
        n = 8;
        base = 16;
        max = Character.MAX_CODE_POINT;
      }
      case -1 -> {
        error("escape sequence not terminated");
        return false;
      }
      default -> {
        if (ch == quote) {
          return true;
        }
        error("unknown escape sequence " + GoStrings.codePoint(ch));
        return false;
      }
    }
    long x = 0;
    while (n > 0) {
      int d = Character.digit(ch, 16);
      if (d < 0 || d >= base) {
        if (ch == -1) {
          error("escape sequence not terminated");
        } else {
          error("illegal character " + GoStrings.codePoint(ch) + " in escape sequence");
        }
        return false;
      }
      x = x * base + d;
      n--;
      if (n > 0) {
        ch = next();
      }
    }
    if (x > max || (0xD800 <= x && x < 0xE000)) {
      error("escape sequence is an invalid Unicode code point");
      return false;
    }
    return true;
  }

  private void rawString() {
    while (true) {
      int c = next();
      if (c == -1) {
        error("unterminated raw string");
        return;
      }
      if (c == '`') {
        emit(TokenType.STRING);
        return;
      }
    }
  }

  private void duration() {
    if (scanNumber()) {
      error("missing unit character in duration");
      return;
    }
    if (!acceptRemainingDuration()) {
      error("bad duration syntax: " + GoStrings.quote(input.substring(start, Math.min(pos, input.length()))));
      return;
    }
    pos--;
    emit(TokenType.DURATION);
  }

  private void numberOrDuration() {
    if (scanNumber()) {
      emit(TokenType.NUMBER);
      return;
    }
    if (acceptRemainingDuration()) {
      pos--;
      emit(TokenType.DURATION);
      return;
    }
    error("bad number or duration syntax: " + GoStrings.quote(input.substring(start, Math.min(pos, input.length()))));
  }

  private boolean accept(String valid) {
    int c = next();
    if (c != -1 && valid.indexOf(c) >= 0) {
      return true;
    }
    pos--;
    return false;
  }

  private void acceptRun(String valid) {
    while (accept(valid)) {
      // Consumes the run.
    }
  }

  private boolean acceptRemainingDuration() {
    if (!accept("smhdwy")) {
      return false;
    }
    accept("s");
    while (accept("0123456789")) {
      acceptRun("0123456789");
      if (!accept("smhdw")) {
        return false;
      }
      accept("s");
    }
    return !isAlphaNumeric(next());
  }

  private boolean scanNumber() {
    String digits = "0123456789";
    if (accept("0") && accept("xX")) {
      digits = "0123456789abcdefABCDEF";
    }
    acceptRun(digits);
    if (accept(".")) {
      acceptRun(digits);
    }
    if (accept("eE")) {
      accept("+-");
      acceptRun("0123456789");
    }
    return !isAlphaNumeric(peek());
  }

  private void keywordOrIdentifier() {
    while (isAlphaNumeric(peek()) || peek() == ':') {
      pos++;
    }
    String word = input.substring(start, pos);
    TokenType kw = TokenType.word(word);
    if (kw != null) {
      emit(kw);
    } else if (word.indexOf(':') < 0) {
      emit(TokenType.IDENTIFIER);
    } else {
      emit(TokenType.METRIC_IDENTIFIER);
    }
  }

  static boolean isSpace(int r) {
    return r == ' ' || r == '\t' || r == '\n' || r == '\r';
  }

  static boolean isDigit(int r) {
    return r >= '0' && r <= '9';
  }

  static boolean isAlpha(int r) {
    return r == '_' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z');
  }

  static boolean isAlphaNumeric(int r) {
    return isAlpha(r) || isDigit(r);
  }

  /** Whether a name is a valid label name. */
  static boolean isLabel(String s) {
    if (s.isEmpty() || !isAlpha(s.charAt(0))) {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      if (!isAlphaNumeric(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
