package dev.sightline.security;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides how sensitive an attribute is from its key and value, and finds the sensitive parts of
 * free text such as log bodies. The default rules: keys naming a password are confidential; keys
 * naming a token, API key, secret or authorization are restricted; values that hold an e-mail
 * address, a phone number or a card number (one that passes the Luhn check) are personal.
 */
public final class Classifier {
  /** What kind of sensitive text a match is, which decides how it is masked. */
  public enum Kind { EMAIL, PHONE, CARD, OTHER }

  /** A sensitive part of a text: {@code text.substring(start, end)}. */
  public record Match(int start, int end, DataClass dataClass, Kind kind) {}

  /**
   * A value rule and what a value needs before its regular expression is worth running: most
   * attribute values have no {@code @} and few digits, so they skip every default pattern.
   */
  private record ValueRule(ClassificationRule rule, Kind kind, boolean needsAt, int minDigits) {
    ValueRule(ClassificationRule rule, Kind kind) {
      this(rule, kind, false, 0);
    }

    boolean worthTrying(boolean hasAt, int digits) {
      return (!needsAt || hasAt) && digits >= minDigits;
    }
  }

  private static final int MAX_CACHED_KEYS = 10_000;
  private final Map<String, Optional<DataClass>> keyClasses = new ConcurrentHashMap<>();

  static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
  static final Pattern PHONE = Pattern.compile(
      "(?<![\\w+.-])(?:\\+\\d{1,3}[ .-]?(?:\\(\\d{1,4}\\)[ .-]?)?\\d{2,4}(?:[ .-]?\\d{2,4}){1,4}"
          + "|\\(\\d{2,4}\\)[ .-]?\\d{2,4}(?:[ .-]\\d{2,4}){1,3}|\\d{2,4}(?:[ .-]\\d{2,4}){2,4})(?![\\w.-]?\\d)");
  static final Pattern CARD = Pattern.compile("(?<![\\d-])\\d(?:[ -]?\\d){12,18}(?![\\d])");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}.*|\\d{2}[./-]\\d{2}[./-]\\d{4}.*");

  private final List<ClassificationRule> keyRules;
  private final List<ValueRule> valueRules;

  private Classifier(List<ClassificationRule> keyRules, List<ValueRule> valueRules) {
    this.keyRules = List.copyOf(keyRules);
    this.valueRules = List.copyOf(valueRules);
  }

  public static Classifier defaults() {
    List<ClassificationRule> keys = List.of(
        ClassificationRule.byKey(DataClass.CONFIDENTIAL, "passw(?:or)?d|(?:^|[._-])pwd(?:$|[._-])"),
        ClassificationRule.byKey(DataClass.RESTRICTED,
            "(?:^|[._-])(?:access[._-]?|refresh[._-]?|id[._-]?|auth[._-]?|bearer[._-]?|session[._-]?)?token(?:$|[._-])"
                + "|api[._-]?key|secret|authorization"));
    List<ValueRule> values = List.of(
        new ValueRule(new ClassificationRule(DataClass.PERSONAL, null, EMAIL, null), Kind.EMAIL, true, 0),
        new ValueRule(new ClassificationRule(DataClass.PERSONAL, null, CARD, Classifier::isCardNumber), Kind.CARD, false, 13),
        new ValueRule(new ClassificationRule(DataClass.PERSONAL, null, PHONE, Classifier::isPhoneNumber), Kind.PHONE, false, 9));
    return new Classifier(keys, values);
  }

  public static Classifier of(List<ClassificationRule> rules) {
    return new Classifier(List.of(), List.of()).with(rules);
  }

  /** This classifier with more rules. */
  public Classifier with(List<ClassificationRule> rules) {
    List<ClassificationRule> keys = new ArrayList<>(keyRules);
    List<ValueRule> values = new ArrayList<>(valueRules);
    for (ClassificationRule r : rules) {
      if (r.value() == null) {
        keys.add(r);
      } else {
        values.add(new ValueRule(r, Kind.OTHER));
      }
    }
    return new Classifier(keys, values);
  }

  /** The most sensitive class any rule gives the attribute, if any rule matches. */
  public Optional<DataClass> classify(String key, String value) {
    DataClass found = classifyKey(key).orElse(null);
    if (!value.isEmpty()) {
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
    if (keyClasses.size() >= MAX_CACHED_KEYS) {
      keyClasses.clear();
    }
    Optional<DataClass> result = Optional.ofNullable(found);
    keyClasses.put(key, result);
    return result;
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

  /** The sensitive parts of free text by the value rules, in order and without overlaps. */
  public List<Match> findSensitive(String text) {
    List<Match> all = new ArrayList<>();
    boolean hasAt = text.indexOf('@') >= 0;
    int digits = digits(text);
    for (ValueRule v : valueRules) {
      if (v.rule().key() != null || !v.worthTrying(hasAt, digits)) {
        continue;
      }
      Matcher m = v.rule().value().matcher(text);
      while (m.find()) {
        if (v.rule().check() == null || v.rule().check().accepts(m.group())) {
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

  static boolean isCardNumber(String text) {
    String digits = text.replaceAll("[ -]", "");
    if (digits.length() < 13 || digits.length() > 19) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < digits.length(); i++) {
      int d = digits.charAt(digits.length() - 1 - i) - '0';
      if (i % 2 == 1) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
    }
    return sum % 10 == 0;
  }

  static boolean isPhoneNumber(String text) {
    long digits = text.chars().filter(Character::isDigit).count();
    if (digits < 9 || digits > 15 || DATE.matcher(text).matches()) {
      return false;
    }
    return text.startsWith("+") || text.matches(".*[ .()-].*");
  }
}
