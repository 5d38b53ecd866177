package dev.sightline.receivers.prometheus.scrape;

import java.util.List;
import java.util.Map;

/** Targets ({@code host:port}) sharing labels, from {@code static_configs} or a discovery file. */
public record TargetGroup(List<String> targets, Map<String, String> labels) {
  public TargetGroup {
    targets = List.copyOf(targets);
    labels = Map.copyOf(labels);
  }
}
