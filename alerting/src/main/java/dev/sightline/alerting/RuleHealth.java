package dev.sightline.alerting;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** How a rule's last evaluation went, as the Prometheus rules API reports it. */
public record RuleHealth(String health, String lastError, @Nullable Instant lastEvaluation, Duration evaluationTime) {
  static final RuleHealth UNKNOWN = new RuleHealth("unknown", "", null, Duration.ZERO);

  static RuleHealth ok(Instant at, Duration took) {
    return new RuleHealth("ok", "", at, took);
  }

  static RuleHealth error(Instant at, Duration took, String message) {
    return new RuleHealth("err", message, at, took);
  }
}
