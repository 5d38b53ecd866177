package dev.sightline.storage;

/**
 * What one sample per rollup window holds, for {@link SampleReader#selectRollup}. {@code COUNTER}
 * is the counter rebuilt from each window's increase (resets included): it never resets, and its
 * rate over whole windows equals the raw counter's.
 */
public enum RollupAggregate {
  MIN, MAX, SUM, COUNT, LAST, COUNTER
}
