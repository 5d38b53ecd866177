package dev.sightline.query.promql;

import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Lexical token types, with how Prometheus describes each in "unexpected ..." errors. */
enum TokenType {
  EOF, ERROR, IDENTIFIER, METRIC_IDENTIFIER, NUMBER, DURATION, STRING,
  LEFT_PAREN, RIGHT_PAREN, LEFT_BRACE, RIGHT_BRACE, LEFT_BRACKET, RIGHT_BRACKET, COMMA, COLON,
  EQL, AT,
  // Operators.
  ADD, SUB, MUL, DIV, MOD, POW, EQLC, NEQ, LTE, LSS, GTE, GTR, EQL_REGEX, NEQ_REGEX,
  LAND, LOR, LUNLESS, ATAN2,
  // Aggregators.
  SUM, AVG, COUNT, MIN, MAX, GROUP, STDDEV, STDVAR, TOPK, BOTTOMK, COUNT_VALUES, QUANTILE,
  // Keywords.
  BOOL, BY, GROUP_LEFT, GROUP_RIGHT, IGNORING, OFFSET, ON, WITHOUT,
  // @ modifier preprocessors.
  START, END;

  private static final Map<String, TokenType> WORDS = Map.ofEntries(
      Map.entry("and", LAND), Map.entry("or", LOR), Map.entry("unless", LUNLESS),
      Map.entry("atan2", ATAN2), Map.entry("sum", SUM), Map.entry("avg", AVG),
      Map.entry("count", COUNT), Map.entry("min", MIN), Map.entry("max", MAX),
      Map.entry("group", GROUP), Map.entry("stddev", STDDEV), Map.entry("stdvar", STDVAR),
      Map.entry("topk", TOPK), Map.entry("bottomk", BOTTOMK),
      Map.entry("count_values", COUNT_VALUES), Map.entry("quantile", QUANTILE),
      Map.entry("offset", OFFSET), Map.entry("by", BY), Map.entry("without", WITHOUT),
      Map.entry("on", ON), Map.entry("ignoring", IGNORING), Map.entry("group_left", GROUP_LEFT),
      Map.entry("group_right", GROUP_RIGHT), Map.entry("bool", BOOL), Map.entry("start", START),
      Map.entry("end", END), Map.entry("inf", NUMBER), Map.entry("nan", NUMBER));

  /** The keyword, operator or number a word lexes as, ignoring case, or null for identifiers. */
  static @Nullable TokenType word(String word) {
    return WORDS.get(word.toLowerCase(Locale.ROOT));
  }

  boolean isOperator() {
    return ordinal() >= ADD.ordinal() && ordinal() <= ATAN2.ordinal();
  }

  boolean isAggregator() {
    return ordinal() >= SUM.ordinal() && ordinal() <= QUANTILE.ordinal();
  }

  boolean isKeyword() {
    return ordinal() >= BOOL.ordinal() && ordinal() <= WITHOUT.ordinal();
  }

  /** Words that may name a label in grouping clauses. */
  boolean canBeLabel() {
    return this == IDENTIFIER || this == METRIC_IDENTIFIER || isAggregator() || isKeyword()
        || this == LAND || this == LOR || this == LUNLESS || this == ATAN2 || this == START
        || this == END;
  }

  /** Words that may name a metric at the start of a vector selector. */
  boolean canBeMetricName() {
    return this == IDENTIFIER || this == METRIC_IDENTIFIER || isAggregator() || this == BY
        || this == LAND || this == LOR || this == LUNLESS || this == OFFSET || this == WITHOUT
        || this == START || this == END;
  }

  /** The description of a token of this type with this text, as in Prometheus's messages. */
  String describe(String text) {
    return switch (this) {
      case EOF -> "end of input";
      case ERROR -> text;
      case IDENTIFIER -> "identifier " + GoStrings.quote(text);
      case METRIC_IDENTIFIER -> "metric identifier " + GoStrings.quote(text);
      case NUMBER -> "number " + GoStrings.quoteTruncated(text);
      case DURATION -> "duration " + GoStrings.quoteTruncated(text);
      case STRING -> "string " + GoStrings.quoteTruncated(text);
      default -> {
        if (isKeyword()) {
          yield "<" + text + ">";
        } else if (isOperator()) {
          yield "<op:" + text + ">";
        } else if (isAggregator()) {
          yield "<aggr:" + text + ">";
        }
        yield GoStrings.quoteTruncated(text);
      }
    };
  }
}
