package dev.sightline.alerting.notify;

import java.time.Instant;

/** A notification that could not be delivered after its retries, as kept in {@code dead-letter.jsonl}. */
public record DeadLetter(Instant at, String receiver, String channel, String groupKey, String payload,
    String lastError, int attempts) {}
