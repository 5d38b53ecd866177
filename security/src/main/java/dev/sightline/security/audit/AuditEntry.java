package dev.sightline.security.audit;

import java.util.Objects;

/**
 * An event as the log holds it: its place in the chain and the hashes that tie it to the entry
 * before it.
 *
 * @param seq position in the log, from 1, without gaps
 * @param event what happened
 * @param prev the previous entry's hash; 64 zeros for the first entry
 * @param hash SHA-256 (or HMAC-SHA256 with a key) over {@code prev} and the canonical JSON of seq and event, in hex
 */
public record AuditEntry(long seq, AuditEvent event, String prev, String hash) {
  /** The {@code prev} of the first entry. */
  public static final String GENESIS = "0".repeat(64);

  public AuditEntry {
    if (seq < 1) {
      throw new IllegalArgumentException("seq starts at 1, was " + seq);
    }
    Objects.requireNonNull(event, "event is required");
    Objects.requireNonNull(prev, "prev is required");
    Objects.requireNonNull(hash, "hash is required");
  }
}
