package dev.sightline.alerting.notify;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A node of the routing tree, with its parent's settings already inherited. {@code id} is the
 * node's position (root {@code "0"}, its second child {@code "0.1"}), so that two nodes with the
 * same matchers still keep separate aggregation groups.
 */
public record Route(String id, String receiver, List<Matcher> matchers, List<String> groupBy, boolean groupByAll,
    Duration groupWait, Duration groupInterval, Duration repeatInterval, boolean continueMatching,
    List<Route> routes) {
  public Route {
    requireNonNull(id, "id");
    requireNonNull(receiver, "receiver");
    matchers = List.copyOf(matchers);
    groupBy = List.copyOf(groupBy);
    routes = List.copyOf(routes);
  }

  /**
   * The routes an alert goes to: below a matching node, each matching child in order (the first one
   * only unless it says {@code continue}); the node itself when no child matches.
   */
  public List<Route> match(Map<String, String> labels) {
    List<Route> out = new ArrayList<>();
    if (!Matcher.all(matchers, labels)) {
      return out;
    }
    for (Route child : routes) {
      List<Route> found = child.match(labels);
      out.addAll(found);
      if (!found.isEmpty() && !child.continueMatching) {
        break;
      }
    }
    if (out.isEmpty()) {
      out.add(this);
    }
    return out;
  }

  /** The labels this route groups an alert by. */
  public Map<String, String> groupLabels(Map<String, String> labels) {
    if (groupByAll) {
      return new TreeMap<>(labels);
    }
    Map<String, String> out = new TreeMap<>();
    for (String name : groupBy) {
      String v = labels.get(name);
      if (v != null) {
        out.put(name, v);
      }
    }
    return out;
  }
}
