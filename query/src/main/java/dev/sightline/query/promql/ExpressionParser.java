package dev.sightline.query.promql;

import static dev.sightline.query.promql.TokenType.*;

import dev.sightline.query.promql.VectorMatching.Cardinality;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A precedence-climbing parser for PromQL expressions. It follows the precedence and
 * associativity of Prometheus's yacc grammar, and raises the errors that grammar raises where
 * the two can be told apart.
 */
final class ExpressionParser {
  private static final Map<TokenType, BinaryOp> BINARY_OPS = Map.ofEntries(
      Map.entry(ADD, BinaryOp.ADD), Map.entry(SUB, BinaryOp.SUB), Map.entry(MUL, BinaryOp.MUL),
      Map.entry(DIV, BinaryOp.DIV), Map.entry(MOD, BinaryOp.MOD), Map.entry(POW, BinaryOp.POW),
      Map.entry(ATAN2, BinaryOp.ATAN2), Map.entry(EQLC, BinaryOp.EQL), Map.entry(NEQ, BinaryOp.NEQ),
      Map.entry(LTE, BinaryOp.LTE), Map.entry(LSS, BinaryOp.LSS), Map.entry(GTE, BinaryOp.GTE),
      Map.entry(GTR, BinaryOp.GTR), Map.entry(LAND, BinaryOp.AND), Map.entry(LOR, BinaryOp.OR),
      Map.entry(LUNLESS, BinaryOp.UNLESS));

  private final TokenStream in;
  private final SelectorParser selectors;

  ExpressionParser(TokenStream in) {
    this.in = in;
    this.selectors = new SelectorParser(in);
  }

  Expr parseQuery() {
    if (in.is(EOF)) {
      throw in.error(0, "no expression found in input");
    }
    Expr e = parseExpr(0);
    if (!in.is(EOF)) {
      throw in.unexpected("", "");
    }
    return e;
  }

  private Expr parseExpr(int minPrecedence) {
    Expr lhs = parseUnary();
    while (true) {
      BinaryOp op = BINARY_OPS.get(in.peek().type());
      if (op == null || op.precedence() < minPrecedence) {
        return lhs;
      }
      Token opToken = in.next();
      boolean returnBool = false;
      if (in.is(BOOL)) {
        in.next();
        returnBool = true;
      }
      VectorMatching matching = parseMatching();
      if (op.isSetOperator() && matching.cardinality() == Cardinality.ONE_TO_ONE) {
        matching = matching.withCardinality(Cardinality.MANY_TO_MANY);
      }
      // ^ is right-associative, all other operators are left-associative.
      Expr rhs = parseExpr(op == BinaryOp.POW ? op.precedence() : op.precedence() + 1);
      lhs = new Binary(op, lhs, rhs, returnBool, matching, lhs.pos(), opToken.pos());
    }
  }

  private VectorMatching parseMatching() {
    if (!in.is(ON) && !in.is(IGNORING)) {
      return VectorMatching.DEFAULT;
    }
    boolean on = in.next().type() == ON;
    List<String> labels = selectors.parseGroupingLabels();
    Cardinality card = Cardinality.ONE_TO_ONE;
    List<String> include = List.of();
    if (in.is(GROUP_LEFT) || in.is(GROUP_RIGHT)) {
      card = in.next().type() == GROUP_LEFT ? Cardinality.MANY_TO_ONE : Cardinality.ONE_TO_MANY;
      if (in.is(LEFT_PAREN)) {
        include = selectors.parseGroupingLabels();
      }
    }
    return new VectorMatching(card, labels, on, include);
  }

  private Expr parseUnary() {
    if (in.is(ADD) || in.is(SUB)) {
      Token sign = in.next();
      // The grammar gives unary operators the precedence of *, so ^ binds tighter.
      Expr operand = parseExpr(BinaryOp.POW.precedence());
      boolean negate = sign.type() == SUB;
      if (operand instanceof NumberLiteral n) {
        return new NumberLiteral(negate ? -n.value() : n.value(), sign.pos());
      }
      return new Unary(negate, operand, sign.pos());
    }
    return parsePostfix(parsePrimary());
  }

  private Expr parsePrimary() {
    Token t = in.peek();
    TokenType type = t.type();
    if (type == NUMBER) {
      in.next();
      return new NumberLiteral(parseNumber(t), t.pos());
    }
    if (type == STRING) {
      in.next();
      return new StringLiteral(GoStrings.unquote(t.text()), t.pos());
    }
    if (type == LEFT_PAREN) {
      in.next();
      Expr inner = parseExpr(0);
      in.expect(RIGHT_PAREN, "", "");
      return new Paren(inner, t.pos());
    }
    if (type == LEFT_BRACE) {
      return selectors.parseSelector(null);
    }
    if (type == IDENTIFIER && in.peekSecond().type() == LEFT_PAREN) {
      return parseCall();
    }
    if (type.isAggregator()) {
      TokenType after = in.peekSecond().type();
      if (after == LEFT_PAREN || after == BY || after == WITHOUT) {
        return parseAggregate();
      }
    }
    if (type.canBeMetricName()) {
      in.next();
      return selectors.parseSelector(t);
    }
    throw in.unexpected("", "");
  }

  private Expr parseCall() {
    Token name = in.next();
    List<Expr> args = parseArguments();
    FunctionSignature fn = FunctionSignature.lookup(name.text()).orElseThrow(
        () -> in.error(name.pos(), "unknown function with name " + GoStrings.quote(name.text())));
    return new Call(fn, args, name.pos());
  }

  /** {@code ( expr, expr, ... )} as in function calls and aggregations. */
  private List<Expr> parseArguments() {
    in.expect(LEFT_PAREN, "", "");
    List<Expr> args = new ArrayList<>();
    if (in.is(RIGHT_PAREN)) {
      in.next();
      return args;
    }
    while (true) {
      args.add(parseExpr(0));
      if (in.is(COMMA)) {
        Token comma = in.next();
        if (in.is(RIGHT_PAREN)) {
          throw in.error(comma.pos(), "trailing commas not allowed in function call args");
        }
        continue;
      }
      in.expect(RIGHT_PAREN, "", "");
      return args;
    }
  }

  private Expr parseAggregate() {
    Token opToken = in.next();
    AggregateOp op = AggregateOp.valueOf(opToken.type().name());
    List<String> grouping = List.of();
    boolean without = false;
    boolean modifierFirst = in.is(BY) || in.is(WITHOUT);
    if (modifierFirst) {
      without = in.next().type() == WITHOUT;
      grouping = selectors.parseGroupingLabels();
    } else if (!in.is(LEFT_PAREN)) {
      throw in.unexpected("aggregation", "");
    }
    List<Expr> args = parseArguments();
    if (!modifierFirst && (in.is(BY) || in.is(WITHOUT))) {
      without = in.next().type() == WITHOUT;
      grouping = selectors.parseGroupingLabels();
    }
    if (args.isEmpty()) {
      throw in.error(opToken.pos(), "no arguments for aggregate expression provided");
    }
    int desired = op.hasParam() ? 2 : 1;
    if (args.size() != desired) {
      throw in.error(opToken.pos(), "wrong number of arguments for aggregate expression provided, expected "
          + desired + ", got " + args.size());
    }
    Expr param = op.hasParam() ? args.get(0) : null;
    return new Aggregate(op, args.get(desired - 1), param, grouping, without, opToken.pos());
  }

  /** Range selectors, subqueries, offsets and {@code @}, which bind tighter than any operator. */
  private Expr parsePostfix(Expr expr) {
    while (true) {
      if (in.is(LEFT_BRACKET)) {
        expr = parseRange(expr);
      } else if (in.is(OFFSET)) {
        expr = Modifiers.offset(in, expr);
      } else if (in.is(AT)) {
        expr = Modifiers.at(in, expr);
      } else {
        return expr;
      }
    }
  }

  private Expr parseRange(Expr expr) {
    Token open = in.next();
    if (!in.is(DURATION)) {
      throw in.unexpected("subquery selector", "duration");
    }
    long range = Modifiers.duration(in, in.next());
    if (in.is(RIGHT_BRACKET)) {
      in.next();
      String problem = null;
      if (!(expr instanceof VectorSelector vs)) {
        problem = "ranges only allowed for vector selectors";
      } else if (vs.offsetMs() != 0) {
        problem = "no offset modifiers allowed before range";
      } else if (vs.at() != null) {
        problem = "no @ modifiers allowed before range";
      }
      if (problem != null) {
        throw in.error(open.pos(), problem);
      }
      return new MatrixSelector((VectorSelector) expr, range, expr.pos());
    }
    if (!in.is(COLON)) {
      throw in.unexpected("subquery or range", "\":\" or \"]\"");
    }
    in.next();
    long step = 0;
    if (in.is(DURATION)) {
      step = Modifiers.duration(in, in.next());
      if (!in.is(RIGHT_BRACKET)) {
        throw in.unexpected("subquery selector", "\"]\"");
      }
    } else if (!in.is(RIGHT_BRACKET)) {
      throw in.unexpected("subquery selector", "duration or \"]\"");
    }
    in.next();
    return new SubqueryExpr(expr, range, step, 0, null, expr.pos());
  }

  private double parseNumber(Token t) {
    return Modifiers.number(in, t);
  }
}
