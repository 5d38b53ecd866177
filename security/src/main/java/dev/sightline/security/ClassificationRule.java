package dev.sightline.security;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Classifies an attribute as {@code dataClass} when its key matches {@code key} (searched, case
 * insensitive) or its value matches {@code value} (searched); with both given, both must match.
 * A {@code check} narrows value matches further, e.g. to card numbers that pass the Luhn test.
 */
public record ClassificationRule(DataClass dataClass, @Nullable Pattern key, @Nullable Pattern value,
    @Nullable ValueCheck check) {

  /** A further test of the text a value pattern found. */
  @FunctionalInterface
  public interface ValueCheck {
    boolean accepts(String found);
  }

  public ClassificationRule {
    if (key == null && value == null) {
      throw new IllegalArgumentException("a " + dataClass + " classification rule needs a key pattern, a value pattern, or both");
    }
    if (check != null && value == null) {
      throw new IllegalArgumentException("the " + dataClass + " rule for keys /" + key
          + "/ has a value check but no value pattern for it to check");
    }
    if (key != null && (key.flags() & Pattern.CASE_INSENSITIVE) == 0) {
      key = Pattern.compile(key.pattern(), key.flags() | Pattern.CASE_INSENSITIVE);
    }
  }

  public static ClassificationRule byKey(DataClass dataClass, String keyRegex) {
    return new ClassificationRule(dataClass, Pattern.compile(keyRegex), null, null);
  }

  public static ClassificationRule byValue(DataClass dataClass, String valueRegex, @Nullable ValueCheck check) {
    return new ClassificationRule(dataClass, null, Pattern.compile(valueRegex), check);
  }

  /** Whether this rule has a key pattern and it matches; the value pattern is not consulted. */
  boolean matchesKey(String k) {
    return key != null && key.matcher(k).find();
  }

  boolean matches(String k, String v) {
    return (key == null || key.matcher(k).find()) && (value == null || valueMatches(value, v));
  }

  private boolean valueMatches(Pattern p, String v) {
    if (v.isEmpty()) {
      return false;
    }
    Matcher m = p.matcher(v);
    while (m.find()) {
      if (check == null || check.accepts(m.group())) {
        return true;
      }
    }
    return false;
  }
}
