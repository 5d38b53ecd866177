package dev.sightline.alerting.rules;

import java.time.Duration;
import java.util.List;

/** A named group of rules from one file, evaluated together, in order, every {@code interval}. */
public record RuleGroup(String name, String file, Duration interval, List<Rule> rules) {
  public RuleGroup {
    rules = List.copyOf(rules);
  }
}
