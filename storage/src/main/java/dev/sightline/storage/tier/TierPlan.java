package dev.sightline.storage.tier;

import java.util.List;

/**
 * Which tiers a query over a time range reads, and which parts it cannot: archived bundles that
 * are not restored, or data deleted by retention.
 *
 * @param read the tiers read, hottest first
 * @param skipped why parts of the range were not read, one sentence each
 */
public record TierPlan(List<Tier> read, List<String> skipped) {

  public TierPlan {
    read = List.copyOf(read);
    skipped = List.copyOf(skipped);
  }

  public static TierPlan hotOnly() {
    return new TierPlan(List.of(Tier.HOT), List.of());
  }
}
