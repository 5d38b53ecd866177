package dev.sightline.storage.tier;

/**
 * One compacted bundle of the archive: a tenant's signal over {@code [minTimeNanos, maxTimeNanos]}.
 *
 * @param restoredUntilMillis until when a restore keeps it readable, 0 when it is not restored
 */
public record ArchiveBundle(String id, String tenant, SignalType signal, long minTimeNanos,
    long maxTimeNanos, long rows, long bytes, long restoredUntilMillis) {}
