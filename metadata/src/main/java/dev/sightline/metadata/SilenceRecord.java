package dev.sightline.metadata;

import java.time.Instant;

/** A silence: {@code matchers} is a JSON list of matcher texts such as {@code "alertname=~Disk.*"}. */
public record SilenceRecord(String id, String matchers, Instant startsAt, Instant endsAt, String createdBy, String comment,
    Instant updatedAt, long version) implements Versioned<SilenceRecord> {
  @Override
  public SilenceRecord withVersion(long v) {
    return new SilenceRecord(id, matchers, startsAt, endsAt, createdBy, comment, updatedAt, v);
  }
}
