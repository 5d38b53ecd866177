package dev.sightline.alerting.rules;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A named group of rules from one file, evaluated together, in order, every {@code interval}, over
 * the data of {@code tenant} (null: the operator tenant).
 */
public record RuleGroup(String name, String file, Duration interval, List<Rule> rules, @Nullable String tenant) {
  public RuleGroup {
    rules = List.copyOf(rules);
  }

  public RuleGroup(String name, String file, Duration interval, List<Rule> rules) {
    this(name, file, interval, rules, null);
  }
}
