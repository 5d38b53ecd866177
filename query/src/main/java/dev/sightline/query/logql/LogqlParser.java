package dev.sightline.query.logql;

import dev.sightline.query.logql.LogqlExpr.LabelFilter;
import dev.sightline.query.logql.LogqlExpr.LineFilter;
import dev.sightline.query.logql.LogqlExpr.LogQuery;
import dev.sightline.query.logql.LogqlExpr.Parser;
import dev.sightline.query.logql.LogqlExpr.RangeAggregation;
import dev.sightline.query.logql.LogqlExpr.Stage;
import dev.sightline.query.logql.LogqlExpr.VectorAggregation;
import dev.sightline.query.promql.Durations;
import dev.sightline.storage.LabelMatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Parses the LogQL subset: {@code {a="b", c=~"d.*"} |= "x" != "y" |~ "re" | json | logfmt |
 * status >= 500 | level="error"}, {@code count_over_time(…[5m])}, {@code rate(…[1m])} and
 * {@code sum|count|min|max|avg [by|without (l, …)] (…) [by|without (…)]}. Errors name the position
 * and what was expected.
 */
public final class LogqlParser {
  private static final Set<String> RANGE_FUNCTIONS = Set.of("count_over_time", "rate");
  private static final Set<String> AGGREGATIONS = Set.of("sum", "count", "min", "max", "avg");
  private final String text;
  private int at;

  private LogqlParser(String text) {
    this.text = text;
  }

  public static LogqlExpr parse(String query) {
    LogqlParser p = new LogqlParser(query);
    LogqlExpr e = p.expr();
    p.space();
    if (p.at < p.text.length()) {
      throw p.error("unexpected '" + p.text.substring(p.at, Math.min(p.text.length(), p.at + 10)) + "'");
    }
    return e;
  }

  private LogqlExpr expr() {
    space();
    if (peek('{')) {
      return logQuery();
    }
    String word = identifier();
    if (RANGE_FUNCTIONS.contains(word)) {
      expect('(');
      LogQuery q = logQuery();
      space();
      expect('[');
      int start = at;
      while (at < text.length() && text.charAt(at) != ']') {
        at++;
      }
      Duration range;
      try {
        range = Duration.ofMillis(Durations.parse(text.substring(start, at).trim()));
      } catch (RuntimeException e) {
        throw error("'" + text.substring(start, at) + "' is not a duration such as 5m");
      }
      expect(']');
      expect(')');
      if (range.isZero() || range.isNegative()) {
        throw error("the range must be positive");
      }
      return new RangeAggregation(word, q, range);
    }
    if (AGGREGATIONS.contains(word)) {
      List<String> labels = List.of();
      boolean without = false;
      space();
      if (peekWord("by") || peekWord("without")) {
        without = identifier().equals("without");
        labels = labelList();
      }
      expect('(');
      LogqlExpr inner = expr();
      expect(')');
      space();
      if (labels.isEmpty() && (peekWord("by") || peekWord("without"))) {
        without = identifier().equals("without");
        labels = labelList();
      }
      if (inner instanceof LogQuery) {
        throw error(word + "(…) takes a metric query such as count_over_time({…}[5m]), not log lines");
      }
      return new VectorAggregation(word, labels, without, inner);
    }
    throw error(word.isEmpty() ? "expected a stream selector {…} or a function" : "unknown function '" + word
        + "'; this server knows count_over_time, rate, sum, count, min, max, avg");
  }

  private List<String> labelList() {
    expect('(');
    List<String> labels = new ArrayList<>();
    space();
    while (!peek(')')) {
      labels.add(identifier());
      space();
      if (peek(',')) {
        at++;
      }
      space();
    }
    expect(')');
    return labels;
  }

  private LogQuery logQuery() {
    space();
    expect('{');
    List<LabelMatcher> matchers = new ArrayList<>();
    space();
    while (!peek('}')) {
      String name = identifier();
      space();
      String op = op("=~", "!~", "!=", "=");
      if (op == null) {
        throw error("expected =, !=, =~ or !~ after '" + name + "'");
      }
      String value = string();
      LabelMatcher.Op kind = switch (op) {
        case "=" -> LabelMatcher.Op.EQ;
        case "!=" -> LabelMatcher.Op.NEQ;
        case "=~" -> LabelMatcher.Op.RE;
        default -> LabelMatcher.Op.NRE;
      };
      try {
        matchers.add(new LabelMatcher(name, kind, value));
      } catch (IllegalArgumentException e) {
        throw error(e.getMessage());
      }
      space();
      if (peek(',')) {
        at++;
        space();
      }
    }
    expect('}');
    if (matchers.stream().allMatch(LogqlParser::matchesEmpty)) {
      throw error("a stream selector needs at least one matcher that does not match the empty value, such as {service_name=\"shop\"}");
    }
    List<Stage> stages = new ArrayList<>();
    while (true) {
      space();
      String op = op("|=", "|~", "!=", "!~");
      if (op != null) {
        String value = string();
        stages.add(new LineFilter(op, value, op.endsWith("~") ? regex(value) : null));
        continue;
      }
      if (peek('|')) {
        at++;
        space();
        String word = identifier();
        if (word.equals("json") || word.equals("logfmt")) {
          stages.add(new Parser(word));
          continue;
        }
        space();
        String cmp = op("=~", "!~", "!=", "==", ">=", "<=", "=", ">", "<");
        if (cmp == null) {
          throw error("expected json, logfmt or a label filter such as status >= 500 after '| " + word + "'");
        }
        space();
        if (peek('"') || peek('`')) {
          String value = string();
          stages.add(new LabelFilter(word, cmp.equals("==") ? "=" : cmp, value, cmp.endsWith("~") ? regex(value) : null, false));
        } else {
          int start = at;
          while (at < text.length() && "0123456789.-+eE".indexOf(text.charAt(at)) >= 0) {
            at++;
          }
          String number = text.substring(start, at);
          try {
            Double.parseDouble(number);
          } catch (NumberFormatException e) {
            throw error("expected a quoted string or a number after '" + word + " " + cmp + "'");
          }
          if (cmp.endsWith("~")) {
            throw error(cmp + " takes a quoted regular expression");
          }
          stages.add(new LabelFilter(word, cmp.equals("=") ? "==" : cmp, number, null, true));
        }
        continue;
      }
      return new LogQuery(matchers, stages);
    }
  }

  private static boolean matchesEmpty(LabelMatcher m) {
    return switch (m.op()) {
      case EQ -> m.value().isEmpty();
      case NEQ -> !m.value().isEmpty();
      case RE -> Pattern.compile(m.value()).matcher("").matches();
      case NRE -> !Pattern.compile(m.value()).matcher("").matches();
    };
  }

  private Pattern regex(String value) {
    try {
      return Pattern.compile(value);
    } catch (PatternSyntaxException e) {
      throw error("invalid regular expression '" + value + "': " + e.getDescription());
    }
  }

  private String string() {
    space();
    if (at >= text.length() || (text.charAt(at) != '"' && text.charAt(at) != '`')) {
      throw error("expected a quoted string");
    }
    char quote = text.charAt(at++);
    StringBuilder b = new StringBuilder();
    while (at < text.length() && text.charAt(at) != quote) {
      char c = text.charAt(at++);
      if (c == '\\' && quote == '"' && at < text.length()) {
        char n = text.charAt(at++);
        b.append(switch (n) {
          case 'n' -> '\n';
          case 't' -> '\t';
          default -> n;
        });
      } else {
        b.append(c);
      }
    }
    if (at >= text.length()) {
      throw error("unterminated string");
    }
    at++;
    return b.toString();
  }

  private String identifier() {
    space();
    int start = at;
    while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_' || text.charAt(at) == '.')) {
      at++;
    }
    return text.substring(start, at);
  }

  private String op(String... candidates) {
    for (String c : candidates) {
      if (text.startsWith(c, at)) {
        at += c.length();
        return c;
      }
    }
    return null;
  }

  private boolean peek(char c) {
    return at < text.length() && text.charAt(at) == c;
  }

  private boolean peekWord(String word) {
    return text.startsWith(word, at) && (at + word.length() >= text.length()
        || !Character.isLetterOrDigit(text.charAt(at + word.length())));
  }

  private void expect(char c) {
    space();
    if (!peek(c)) {
      throw error("expected '" + c + "'");
    }
    at++;
  }

  private void space() {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
  }

  private LogqlException error(String what) {
    return new LogqlException("parse error at position " + (at + 1) + ": " + what);
  }
}
