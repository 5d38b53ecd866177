package dev.sightline.query.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PromqlParserTest {

  @Test
  void powerIsRightAssociativeAndBindsTighterThanUnaryMinus() {
    Binary pow = (Binary) PromqlParser.parse("2 ^ 3 ^ 2");
    assertThat(pow.op()).isEqualTo(BinaryOp.POW);
    assertThat(pow.lhs()).isEqualTo(new NumberLiteral(2, 0));
    assertThat(pow.rhs()).isInstanceOf(Binary.class);

    Unary neg = (Unary) PromqlParser.parse("-a ^ 2");
    assertThat(neg.expr()).isInstanceOf(Binary.class);
  }

  @Test
  void precedenceLevels() {
    Binary or = (Binary) PromqlParser.parse("a or b and c unless d == e + f * g");
    assertThat(or.op()).isEqualTo(BinaryOp.OR);
    Binary unless = (Binary) or.rhs();
    assertThat(unless.op()).isEqualTo(BinaryOp.UNLESS);
    assertThat(((Binary) unless.lhs()).op()).isEqualTo(BinaryOp.AND);
    Binary eq = (Binary) unless.rhs();
    assertThat(eq.op()).isEqualTo(BinaryOp.EQL);
    Binary plus = (Binary) eq.rhs();
    assertThat(plus.op()).isEqualTo(BinaryOp.ADD);
    assertThat(((Binary) plus.rhs()).op()).isEqualTo(BinaryOp.MUL);
    assertThat(((Binary) PromqlParser.parse("a - b - c")).lhs()).isInstanceOf(Binary.class);
  }

  @Test
  void numbersAndStrings() {
    assertThat(PromqlParser.parse("0x1F")).isEqualTo(new NumberLiteral(31, 0));
    assertThat(PromqlParser.parse("1e3")).isEqualTo(new NumberLiteral(1000, 0));
    assertThat(PromqlParser.parse("-Inf")).isEqualTo(new NumberLiteral(Double.NEGATIVE_INFINITY, 0));
    assertThat(((NumberLiteral) PromqlParser.parse("NaN")).value()).isNaN();
    assertThat(PromqlParser.parse("'a\\n\\x41'")).isEqualTo(new StringLiteral("a\nA", 0));
    assertThat(PromqlParser.parse("`a\\n`")).isEqualTo(new StringLiteral("a\\n", 0));
  }

  @ParameterizedTest
  @CsvSource({"5m,300000", "1h30m,5400000", "1d,86400000", "1w,604800000", "1y,31536000000",
      "100ms,100", "1m30s,90000"})
  void durations(String text, long ms) {
    MatrixSelector m = (MatrixSelector) PromqlParser.parse("foo[" + text + "]");
    assertThat(m.rangeMs()).isEqualTo(ms);
  }

  @Test
  void selectorsModifiersAndSubqueries() {
    VectorSelector vs = (VectorSelector) PromqlParser.parse(
        "foo{on=\"x\", by!~\"y\", x=~\"f.*\"} offset -5m @ end() # comment");
    assertThat(vs.matchers()).hasSize(4);
    assertThat(vs.offsetMs()).isEqualTo(-300_000);
    assertThat(vs.at()).isEqualTo(new AtModifier(AtModifier.Kind.END, 0));

    SubqueryExpr sq = (SubqueryExpr) PromqlParser.parse("rate(x[5m])[1h:] @ 100.5 offset 1m");
    assertThat(sq.stepMs()).isZero();
    assertThat(sq.at().timestampMs()).isEqualTo(100_500);
    assertThat(sq.offsetMs()).isEqualTo(60_000);

    Aggregate a = (Aggregate) PromqlParser.parse("sum(x) by (job, instance)");
    assertThat(a.grouping()).containsExactly("job", "instance");
    Aggregate b = (Aggregate) PromqlParser.parse("topk without (le) (3, x)");
    assertThat(b.without()).isTrue();
    assertThat(b.param()).isEqualTo(new NumberLiteral(3, 19));

    Binary bin = (Binary) PromqlParser.parse("a * on(x) group_left(y) b");
    assertThat(bin.matching().cardinality()).isEqualTo(VectorMatching.Cardinality.MANY_TO_ONE);
    assertThat(bin.matching().include()).containsExactly("y");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "foo +|1:6: parse error: unexpected end of input",
      "sum(|1:5: parse error: unclosed left parenthesis",
      "foo{|1:5: parse error: unexpected end of input inside braces",
      "rate(foo)|1:6: parse error: expected type range vector in call to function \"rate\", got instant vector",
      "{}|1:1: parse error: vector selector must contain at least one non-empty matcher",
      "{x=\"\"}|1:1: parse error: vector selector must contain at least one non-empty matcher",
      "foo[5mm]|1:5: parse error: bad duration syntax: \"5mm\"",
      "foo[5m1h]|1:5: parse error: not a valid duration string: \"5m1h\"",
      "1 == 1|1:3: parse error: comparisons between scalars must use BOOL modifier",
      "foo offset 1m offset 2m|1:1: parse error: offset may not be set multiple times",
      "foo offset 5m[5m]|1:14: parse error: no offset modifiers allowed before range",
      "(foo)[5m]|1:6: parse error: ranges only allowed for vector selectors",
      "floor()|1:1: parse error: expected 1 argument(s) in call to \"floor\", got 0",
      "hour(a, b, c)|1:1: parse error: expected at most 1 argument(s) in call to \"hour\", got 3",
      "nope(foo)|1:1: parse error: unknown function with name \"nope\"",
      "sum by (foo) (bar, baz)|1:1: parse error: wrong number of arguments for aggregate expression provided, expected 1, got 2",
      "topk(a, b)|1:6: parse error: expected type scalar in aggregation parameter, got instant vector",
      "foo and 1|1:1: parse error: set operator \"and\" not allowed in binary scalar expression",
      "a + bool b|1:3: parse error: bool modifier can only be used on comparison operators",
      "foo{a=\"b\" c=\"d\"}|1:11: parse error: unexpected identifier \"c\" in label matching, expected \",\" or \"}\"",
      "sum(x) by (a=)|1:13: parse error: unexpected \"=\" in grouping opts, expected \",\" or \")\"",
      "foo @ 1m|1:7: parse error: unexpected duration \"1m\" in @, expected timestamp",
      "-foo[5m]|1:1: parse error: unary expression only allowed on expressions of type scalar or instant vector, got \"range vector\"",
      "foo[5m][1m:]|1:1: parse error: subquery is only allowed on instant vector, got matrix instead",
      "foo bar|1:5: parse error: unexpected identifier \"bar\"",
      "a\\n+ (b|2:5: parse error: unclosed left parenthesis",
      "1 and on(x) 2|1:1: parse error: vector matching only allowed between instant vectors",
  })
  void errorsCarryPrometheusPositionsAndMessages(String query, String message) {
    assertThatThrownBy(() -> PromqlParser.parse(query.replace("\\n", "\n")))
        .isInstanceOfSatisfying(PromqlException.class, e -> {
          assertThat(e.type()).isEqualTo(PromqlException.ErrorType.BAD_DATA);
          assertThat(e.getMessage()).isEqualTo(message);
        });
  }

  @Test
  void badEscape() {
    assertThatThrownBy(() -> PromqlParser.parse("'\\c'"))
        .hasMessage("1:1: parse error: unknown escape sequence U+0063 'c'");
  }

  @Test
  void emptyQuery() {
    assertThatThrownBy(() -> PromqlParser.parse(""))
        .hasMessage("1:1: parse error: no expression found in input");
  }
}
