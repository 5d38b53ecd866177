package dev.sightline.alerting.notify;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A silence: alerts whose labels match all its matchers are not notified between startsAt and endsAt. */
public record Silence(String id, List<Matcher> matchers, Instant startsAt, Instant endsAt, String createdBy,
    String comment, Instant updatedAt) {
  public Silence {
    requireNonNull(id, "id");
    matchers = List.copyOf(matchers);
    requireNonNull(startsAt, "startsAt");
    requireNonNull(endsAt, "endsAt");
    requireNonNull(createdBy, "createdBy");
    requireNonNull(comment, "comment");
    requireNonNull(updatedAt, "updatedAt");
  }

  public SilenceState state(Instant now) {
    if (now.isBefore(startsAt)) {
      return SilenceState.PENDING;
    }
    return now.isBefore(endsAt) ? SilenceState.ACTIVE : SilenceState.EXPIRED;
  }

  public boolean mutes(Map<String, String> labels, Instant now) {
    return state(now) == SilenceState.ACTIVE && Matcher.all(matchers, labels);
  }
}
