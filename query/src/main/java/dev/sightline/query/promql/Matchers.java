package dev.sightline.query.promql;

import dev.sightline.storage.LabelMatcher;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** Evaluates label matchers locally, with the full-match regex semantics Prometheus uses. */
final class Matchers {
  private Matchers() {}

  private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

  static Pattern pattern(String regex) {
    Pattern p = PATTERNS.get(regex);
    if (p == null) {
      p = Pattern.compile(regex);
      if (PATTERNS.size() < 10_000) {
        PATTERNS.put(regex, p);
      }
    }
    return p;
  }

  static boolean matches(LabelMatcher m, String value) {
    return switch (m.op()) {
      case EQ -> value.equals(m.value());
      case NEQ -> !value.equals(m.value());
      case RE -> pattern(m.value()).matcher(value).matches();
      case NRE -> !pattern(m.value()).matcher(value).matches();
    };
  }
}
