package dev.sightline.receivers.prometheus.scrape;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One entry of {@code relabel_configs} or {@code metric_relabel_configs}, with Prometheus's
 * defaults: separator {@code ;}, regex {@code (.*)} (anchored), replacement {@code $1}, action
 * {@code replace}.
 */
public record RelabelRule(Action action, List<String> sourceLabels, String separator, Pattern regex,
    String targetLabel, String replacement, long modulus) {

  public enum Action {
    REPLACE, KEEP, DROP, KEEPEQUAL, DROPEQUAL, HASHMOD, LABELMAP, LABELDROP, LABELKEEP, LOWERCASE,
    UPPERCASE;

    static Action parse(String text, String where) {
      try {
        return valueOf(text.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ".action: unknown action '" + text
            + "'; expected one of replace, keep, drop, keepequal, dropequal, hashmod, labelmap, "
            + "labeldrop, labelkeep, lowercase, uppercase");
      }
    }
  }

  public RelabelRule {
    requireNonNull(action, "action");
    sourceLabels = List.copyOf(sourceLabels);
    requireNonNull(separator, "separator");
    requireNonNull(regex, "regex");
    requireNonNull(targetLabel, "targetLabel");
    requireNonNull(replacement, "replacement");
  }

  /** Compiles {@code regex} anchored at both ends, as Prometheus does, naming {@code where} on error. */
  static Pattern anchored(String regex, String where) {
    try {
      return Pattern.compile("^(?:" + regex + ")$", Pattern.DOTALL);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(where + ".regex: invalid regular expression '" + regex
          + "': " + e.getDescription());
    }
  }

  /** Checks the combination of settings Prometheus requires for the action. */
  static RelabelRule checked(RelabelRule r, String where) {
    boolean needsTarget = switch (r.action) {
      case REPLACE, HASHMOD, LOWERCASE, UPPERCASE, KEEPEQUAL, DROPEQUAL -> true;
      default -> false;
    };
    if (needsTarget && r.targetLabel.isEmpty()) {
      throw new IllegalArgumentException(where + ": target_label is required for action "
          + r.action.name().toLowerCase(Locale.ROOT));
    }
    if (r.action == Action.HASHMOD && r.modulus <= 0) {
      throw new IllegalArgumentException(where + ": modulus must be a positive number for action hashmod");
    }
    return r;
  }
}
