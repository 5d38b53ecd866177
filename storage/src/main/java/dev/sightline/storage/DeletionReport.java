package dev.sightline.storage;

import java.util.Map;

/**
 * What a deletion removed: items per tier ({@code hot}, {@code warm}, {@code cold},
 * {@code archive}) and the tier files it rewrote without them.
 */
public record DeletionReport(Map<String, Long> removedByTier, int filesRewritten) {

  public DeletionReport {
    removedByTier = Map.copyOf(removedByTier);
  }

  public long removed() {
    return removedByTier.values().stream().mapToLong(Long::longValue).sum();
  }
}
