package dev.sightline.alerting.notify;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Mutes alerts matching {@code targetMatchers} while an alert matching {@code sourceMatchers} fires
 * with the same values of the {@code equal} labels (a label missing from both counts as equal).
 */
public record InhibitRule(List<Matcher> sourceMatchers, List<Matcher> targetMatchers, List<String> equal) {
  public InhibitRule {
    sourceMatchers = List.copyOf(sourceMatchers);
    targetMatchers = List.copyOf(targetMatchers);
    equal = List.copyOf(equal);
  }

  /** Whether {@code source}, a firing alert's labels, inhibits {@code target}. */
  public boolean inhibits(Map<String, String> source, Map<String, String> target) {
    if (source.equals(target) || !Matcher.all(targetMatchers, target) || !Matcher.all(sourceMatchers, source)) {
      return false;
    }
    for (String name : equal) {
      if (!Objects.equals(source.get(name), target.get(name))) {
        return false;
      }
    }
    return true;
  }
}
