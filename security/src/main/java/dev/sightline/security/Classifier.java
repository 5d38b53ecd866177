package dev.sightline.security;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Decides how sensitive an attribute is from its key and value, and finds the sensitive parts of
 * free text such as log bodies. The default rules: keys naming a password are confidential; keys
 * naming a token, API key, secret or authorization are restricted; values that hold an e-mail
 * address, a phone number or a card number (one that passes the Luhn check) are personal.
 * Instances are immutable apart from a cache and safe to share between threads.
 */
public final class Classifier {
  /** What kind of sensitive text a match is, which decides how it is masked. */
  public enum Kind { EMAIL, PHONE, CARD, OTHER }

  /** A sensitive part of a text: {@code text.substring(start, end)}. */
  public record Match(int start, int end, DataClass dataClass, Kind kind) {
    public Match {
      if (start < 0 || end <= start) {
        throw new IllegalArgumentException("a match needs 0 <= start < end, was " + start + ".." + end);
      }
    }
  }

  /**
   * A value rule and what a value needs before its regular expression is worth running: most
   * attribute values have no {@code @} and few digits, so they skip every default pattern.
   */
  private record ValueRule(ClassificationRule rule, Pattern value, Kind kind, boolean needsAt, int minDigits) {
    boolean worthTrying(boolean hasAt, int digits) {
      return (!needsAt || hasAt) && digits >= minDigits;
    }
  }

  static final String PASSWORD_KEYS = "passw(?:or)?d|pwd(?![a-z])|(?<![a-z])pwd";
  // "token" but not the token counts and types of LLM telemetry (gen_ai.usage.input_tokens,
  // llm.token_count.total, gen_ai.token.type), which are numbers and enums, not credentials.
  static final String SECRET_KEYS = "token(?!s|iz|[._-]?(?:count|type))|api[._-]?key|secret|authorization";

  private static final int MAX_CACHED_KEYS = 10_000;
  private final Map<String, Optional<DataClass>> keyClasses = new ConcurrentHashMap<>();
  private final List<ClassificationRule> keyRules;
  private final List<ValueRule> valueRules;

  private Classifier(List<ClassificationRule> keyRules, List<ValueRule> valueRules) {
    this.keyRules = List.copyOf(keyRules);
    this.valueRules = List.copyOf(valueRules);
  }

  public static Classifier defaults() {
    List<ClassificationRule> keys = List.of(
        ClassificationRule.byKey(DataClass.CONFIDENTIAL, PASSWORD_KEYS),
        ClassificationRule.byKey(DataClass.RESTRICTED, SECRET_KEYS));
    List<ValueRule> values = List.of(
        valueRule(ValueDetectors.EMAIL, null, Kind.EMAIL, true, 0),
        valueRule(ValueDetectors.CARD, ValueDetectors::isCardNumber, Kind.CARD, false, 13),
        valueRule(ValueDetectors.PHONE, ValueDetectors::isPhoneNumber, Kind.PHONE, false, 9));
    return new Classifier(keys, values);
  }

  private static ValueRule valueRule(Pattern p, ClassificationRule.@Nullable ValueCheck check, Kind kind,
      boolean needsAt, int minDigits) {
    return new ValueRule(new ClassificationRule(DataClass.PERSONAL, null, p, check), p, kind, needsAt, minDigits);
  }

  public static Classifier of(List<ClassificationRule> rules) {
    return new Classifier(List.of(), List.of()).with(rules);
  }

  /** This classifier with more rules; their matches in free text are of kind {@link Kind#OTHER}. */
  public Classifier with(List<ClassificationRule> rules) {
    List<ClassificationRule> keys = new ArrayList<>(keyRules);
    List<ValueRule> values = new ArrayList<>(valueRules);
    for (ClassificationRule r : rules) {
      Pattern value = r.value();
      if (value == null) {
        keys.add(r);
      } else {
        values.add(new ValueRule(r, value, Kind.OTHER, false, 0));
      }
    }
    return new Classifier(keys, values);
  }

  /** The most sensitive class any rule gives the attribute, if any rule matches. */
  public Optional<DataClass> classify(String key, String value) {
    DataClass found = classifyKey(key).orElse(null);
    if (!value.isEmpty() && found != DataClass.RESTRICTED) {
      boolean hasAt = value.indexOf('@') >= 0;
      int digits = digits(value);
      for (ValueRule v : valueRules) {
        if ((found == null || v.rule().dataClass().compareTo(found) > 0) && v.worthTrying(hasAt, digits)
            && v.rule().matches(key, value)) {
          found = v.rule().dataClass();
        }
      }
    }
    return Optional.ofNullable(found);
  }

  /** The class the key alone gives, whatever the value. */
  public Optional<DataClass> classifyKey(String key) {
    Optional<DataClass> cached = keyClasses.get(key);
    if (cached != null) {
      return cached;
    }
    DataClass found = null;
    for (ClassificationRule r : keyRules) {
      if (r.matchesKey(key) && (found == null || r.dataClass().compareTo(found) > 0)) {
        found = r.dataClass();
      }
    }
    // Keys are usually few, but a client that puts ids into keys must not grow the cache forever.
    if (keyClasses.size() >= MAX_CACHED_KEYS) {
      keyClasses.clear();
    }
    Optional<DataClass> result = Optional.ofNullable(found);
    keyClasses.put(key, result);
    return result;
  }

  /**
   * The sensitive parts of free text by the value rules that have no key pattern, ordered by
   * start and without overlaps (of overlapping matches the earliest, then the longest, wins).
   */
  public List<Match> findSensitive(String text) {
    List<Match> all = new ArrayList<>();
    boolean hasAt = text.indexOf('@') >= 0;
    int digits = digits(text);
    for (ValueRule v : valueRules) {
      if (v.rule().key() != null || !v.worthTrying(hasAt, digits)) {
        continue;
      }
      ClassificationRule.ValueCheck check = v.rule().check();
      Matcher m = v.value().matcher(text);
      while (m.find()) {
        if (m.end() > m.start() && (check == null || check.accepts(m.group()))) {
          all.add(new Match(m.start(), m.end(), v.rule().dataClass(), v.kind()));
        }
      }
    }
    all.sort(Comparator.comparingInt(Match::start).thenComparing(Comparator.comparingInt(Match::end).reversed()));
    List<Match> out = new ArrayList<>();
    int end = 0;
    for (Match m : all) {
      if (m.start() >= end) {
        out.add(m);
        end = m.end();
      }
    }
    return out;
  }

  private static int digits(String value) {
    int n = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c >= '0' && c <= '9') {
        n++;
      }
    }
    return n;
  }
}
