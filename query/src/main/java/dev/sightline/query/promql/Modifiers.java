package dev.sightline.query.promql;

import static dev.sightline.query.promql.TokenType.*;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Parses the modifiers {@code offset} and {@code @}, and the literals they take. */
final class Modifiers {
  private Modifiers() {}

  static Expr offset(TokenStream in, Expr expr) {
    in.next();
    boolean negative = false;
    if (in.is(SUB)) {
      in.next();
      negative = true;
    }
    if (!in.is(DURATION)) {
      throw in.unexpected("offset", "duration");
    }
    long offset = duration(in, in.next());
    if (negative) {
      offset = -offset;
    }
    long previous = switch (expr) {
      case VectorSelector vs -> vs.offsetMs();
      case MatrixSelector ms -> ms.selector().offsetMs();
      case SubqueryExpr sq -> sq.offsetMs();
      default -> throw in.error(expr.pos(), "offset modifier must be preceded by an instant vector "
          + "selector or range vector selector or a subquery");
    };
    if (previous != 0) {
      throw in.error(expr.pos(), "offset may not be set multiple times");
    }
    return switch (expr) {
      case VectorSelector vs -> vs.withOffset(offset);
      case MatrixSelector ms -> new MatrixSelector(ms.selector().withOffset(offset), ms.rangeMs(), ms.pos());
      case SubqueryExpr sq -> sq.withOffset(offset);
      default -> throw new IllegalStateException();
    };
  }

  static Expr at(TokenStream in, Expr expr) {
    in.next();
    AtModifier at;
    if (in.is(START) || in.is(END)) {
      AtModifier.Kind kind = in.next().type() == START ? AtModifier.Kind.START : AtModifier.Kind.END;
      in.expect(LEFT_PAREN, "", "");
      in.expect(RIGHT_PAREN, "", "");
      at = new AtModifier(kind, 0);
    } else {
      double sign = 1;
      if (in.is(ADD) || in.is(SUB)) {
        sign = in.next().type() == SUB ? -1 : 1;
        if (!in.is(NUMBER)) {
          throw in.unexpected("", "");
        }
      } else if (!in.is(NUMBER)) {
        throw in.unexpected("@", "timestamp");
      }
      double seconds = sign * number(in, in.next());
      if (Double.isNaN(seconds) || Double.isInfinite(seconds) || seconds >= 0x1p63 || seconds <= -0x1p63) {
        throw in.error(expr.pos(), "timestamp out of bounds for @ modifier: " + goFloat(seconds));
      }
      at = new AtModifier(AtModifier.Kind.TIMESTAMP, roundHalfAwayFromZero(seconds * 1000));
    }
    AtModifier previous = switch (expr) {
      case VectorSelector vs -> vs.at();
      case MatrixSelector ms -> ms.selector().at();
      case SubqueryExpr sq -> sq.at();
      default -> throw in.error(expr.pos(), "@ modifier must be preceded by an instant vector "
          + "selector or range vector selector or a subquery");
    };
    if (previous != null) {
      throw in.error(expr.pos(), "@ <timestamp> may not be set multiple times");
    }
    return switch (expr) {
      case VectorSelector vs -> vs.withAt(at);
      case MatrixSelector ms -> new MatrixSelector(ms.selector().withAt(at), ms.rangeMs(), ms.pos());
      case SubqueryExpr sq -> sq.withAt(at);
      default -> throw new IllegalStateException();
    };
  }

  static long roundHalfAwayFromZero(double v) {
    return (long) (v < 0 ? -Math.floor(-v + 0.5) : Math.floor(v + 0.5));
  }

  /** Go's {@code %f}. */
  private static String goFloat(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    return new BigDecimal(v).setScale(6, RoundingMode.HALF_EVEN).toPlainString();
  }

  /** A duration token in milliseconds; zero is rejected as Prometheus rejects it. */
  static long duration(TokenStream in, Token t) {
    long ms;
    try {
      ms = Durations.parse(t.text());
    } catch (IllegalArgumentException e) {
      throw in.error(t.pos(), e.getMessage());
    }
    if (ms == 0) {
      throw in.error(t.pos(), "duration must be greater than 0");
    }
    return ms;
  }

  /** Go's {@code ParseInt(s, 0, 64)} falling back to {@code ParseFloat}, as Prometheus parses. */
  static double number(TokenStream in, Token t) {
    String s = t.text();
    String lower = s.toLowerCase(java.util.Locale.ROOT);
    if (lower.equals("inf")) {
      return Double.POSITIVE_INFINITY;
    }
    if (lower.equals("nan")) {
      return Double.NaN;
    }
    try {
      if (lower.startsWith("0x")) {
        return Long.parseLong(s.substring(2), 16);
      }
      if (s.length() > 1 && s.startsWith("0") && s.chars().allMatch(c -> c >= '0' && c <= '7')) {
        return Long.parseLong(s.substring(1), 8);
      }
      if (s.chars().allMatch(Lexer::isDigit)) {
        return Long.parseLong(s);
      }
    } catch (NumberFormatException e) {
      // Too large for an integer: parsed as a float below, as Go does.
    }
    try {
      if (lower.startsWith("0x") || lower.endsWith("e") || lower.endsWith("+") || lower.endsWith("-")) {
        throw new NumberFormatException();
      }
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw in.error(t.pos(), "error parsing number: strconv.ParseFloat: parsing "
          + GoStrings.quote(s) + ": invalid syntax");
    }
  }
}
