package dev.sightline.query.promql;

import static dev.sightline.query.promql.TokenType.*;

import dev.sightline.storage.LabelMatcher;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Parses vector selectors with their label matchers, and grouping label lists. */
final class SelectorParser {
  private final TokenStream in;

  SelectorParser(TokenStream in) {
    this.in = in;
  }

  /** A selector whose metric name token, if any, was already consumed. */
  VectorSelector parseSelector(@Nullable Token name) {
    int pos = name != null ? name.pos() : in.peek().pos();
    List<LabelMatcher> matchers = new ArrayList<>();
    if (in.is(LEFT_BRACE)) {
      in.next();
      parseMatchers(matchers);
    }
    if (name != null) {
      matchers.add(LabelMatcher.eq("__name__", name.text()));
    }
    return new VectorSelector(name != null ? name.text() : null, matchers, 0, null, pos);
  }

  private void parseMatchers(List<LabelMatcher> matchers) {
    if (in.is(RIGHT_BRACE)) {
      in.next();
      return;
    }
    while (true) {
      if (!in.is(IDENTIFIER)) {
        throw in.unexpected("label matching", "identifier or \"}\"");
      }
      Token label = in.next();
      LabelMatcher.Op op = switch (in.peek().type()) {
        case EQL -> LabelMatcher.Op.EQ;
        case NEQ -> LabelMatcher.Op.NEQ;
        case EQL_REGEX -> LabelMatcher.Op.RE;
        case NEQ_REGEX -> LabelMatcher.Op.NRE;
        default -> throw in.unexpected("label matching", "label matching operator");
      };
      in.next();
      if (!in.is(STRING)) {
        throw in.unexpected("label matching", "string");
      }
      Token value = in.next();
      try {
        matchers.add(new LabelMatcher(label.text(), op, GoStrings.unquote(value.text())));
      } catch (IllegalArgumentException e) {
        throw in.error(label.pos(), "error parsing regexp: " + e.getMessage());
      }
      if (in.is(COMMA)) {
        in.next();
        if (in.is(RIGHT_BRACE)) {
          in.next();
          return;
        }
        continue;
      }
      if (in.is(RIGHT_BRACE)) {
        in.next();
        return;
      }
      throw in.unexpected("label matching", "\",\" or \"}\"");
    }
  }

  /** {@code (label, ...)} after by, without, on, ignoring, group_left and group_right. */
  List<String> parseGroupingLabels() {
    if (!in.is(LEFT_PAREN)) {
      throw in.unexpected("grouping opts", "\"(\"");
    }
    in.next();
    List<String> labels = new ArrayList<>();
    if (in.is(RIGHT_PAREN)) {
      in.next();
      return labels;
    }
    while (true) {
      Token t = in.peek();
      if (!t.type().canBeLabel() || !Lexer.isLabel(t.text())) {
        throw in.unexpected("grouping opts", "label");
      }
      labels.add(in.next().text());
      if (in.is(COMMA)) {
        in.next();
        if (in.is(RIGHT_PAREN)) {
          in.next();
          return labels;
        }
        continue;
      }
      if (in.is(RIGHT_PAREN)) {
        in.next();
        return labels;
      }
      throw in.unexpected("grouping opts", "\",\" or \")\"");
    }
  }
}
