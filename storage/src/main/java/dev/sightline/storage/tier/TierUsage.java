package dev.sightline.storage.tier;

/** What one tier holds of one signal: files (0 for the hot store), rows and bytes. */
public record TierUsage(Tier tier, SignalType signal, long files, long rows, long bytes) {}
