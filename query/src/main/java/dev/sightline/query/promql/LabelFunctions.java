package dev.sightline.query.promql;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** label_replace and label_join: each series' labels change once, values are kept. */
final class LabelFunctions {
  private LabelFunctions() {}

  private static String stringArg(Expr e) {
    return ((StringLiteral) Evaluator.unwrap(e)).value();
  }

  static Value labelReplace(Evaluator ev, Call c) {
    List<StepSeries> in = ev.evalVector(c.args().get(0));
    String dst = stringArg(c.args().get(1));
    String replacement = stringArg(c.args().get(2));
    String src = stringArg(c.args().get(3));
    String regex = stringArg(c.args().get(4));
    Pattern pattern;
    try {
      pattern = Pattern.compile("^(?:" + regex + ")$");
    } catch (PatternSyntaxException e) {
      throw PromqlException.execution("invalid regular expression in label_replace(): " + regex);
    }
    if (!Lexer.isLabel(dst)) {
      throw PromqlException.execution("invalid destination label name in label_replace(): " + dst);
    }
    List<StepSeries> out = new ArrayList<>(in.size());
    for (StepSeries s : in) {
      Matcher m = pattern.matcher(s.labels().get(src));
      Labels labels = s.labels();
      if (m.matches()) {
        labels = labels.with(dst, expand(replacement, m));
      }
      out.add(new StepSeries(labels, s.values()));
    }
    return new Value.Vector(SeriesMerger.merge(out, ev.steps()));
  }

  /** Go's Regexp.Expand: $1, ${1}, $name, ${name}, and $$ for a dollar sign. */
  static String expand(String template, Matcher m) {
    StringBuilder b = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      char ch = template.charAt(i);
      if (ch != '$' || i + 1 >= template.length()) {
        b.append(ch);
        i++;
        continue;
      }
      char next = template.charAt(i + 1);
      if (next == '$') {
        b.append('$');
        i += 2;
        continue;
      }
      String name;
      int end;
      if (next == '{') {
        int close = template.indexOf('}', i + 2);
        if (close < 0) {
          b.append(ch);
          i++;
          continue;
        }
        name = template.substring(i + 2, close);
        end = close + 1;
      } else {
        int j = i + 1;
        while (j < template.length() && (Lexer.isAlphaNumeric(template.charAt(j)))) {
          j++;
        }
        name = template.substring(i + 1, j);
        end = j;
      }
      if (name.isEmpty() || !name.chars().allMatch(Lexer::isAlphaNumeric)) {
        b.append(ch);
        i++;
        continue;
      }
      b.append(group(m, name));
      i = end;
    }
    return b.toString();
  }

  private static String group(Matcher m, String name) {
    String g;
    try {
      if (name.chars().allMatch(Lexer::isDigit)) {
        int n = Integer.parseInt(name);
        g = n <= m.groupCount() ? m.group(n) : null;
      } else {
        g = m.group(name);
      }
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      g = null;
    }
    return g == null ? "" : g;
  }

  static Value labelJoin(Evaluator ev, Call c) {
    List<StepSeries> in = ev.evalVector(c.args().get(0));
    String dst = stringArg(c.args().get(1));
    String sep = stringArg(c.args().get(2));
    List<String> srcs = new ArrayList<>();
    for (int i = 3; i < c.args().size(); i++) {
      String src = stringArg(c.args().get(i));
      if (!Lexer.isLabel(src)) {
        throw PromqlException.execution("invalid source label name in label_join(): " + src);
      }
      srcs.add(src);
    }
    if (!Lexer.isLabel(dst)) {
      throw PromqlException.execution("invalid destination label name in label_join(): " + dst);
    }
    List<StepSeries> out = new ArrayList<>(in.size());
    for (StepSeries s : in) {
      StringBuilder joined = new StringBuilder();
      for (int i = 0; i < srcs.size(); i++) {
        if (i > 0) {
          joined.append(sep);
        }
        joined.append(s.labels().get(srcs.get(i)));
      }
      out.add(new StepSeries(s.labels().with(dst, joined.toString()), s.values()));
    }
    return new Value.Vector(SeriesMerger.merge(out, ev.steps()));
  }
}
