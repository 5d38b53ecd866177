package dev.sightline.receivers.prometheus.scrape;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A target after relabeling: the URL to scrape, the labels every sample of it gets ({@code job},
 * {@code instance} and the rest, no {@code __} labels), and the labels it was discovered with.
 */
public record ScrapeTarget(URI url, Map<String, String> labels, Map<String, String> discovered,
    Duration interval, Duration timeout) {

  public ScrapeTarget {
    labels = Map.copyOf(labels);
    discovered = Map.copyOf(discovered);
  }

  /** A stable key: the same target found again keeps its scrape loop and series. */
  public String key() {
    return url + " " + new TreeMap<>(labels);
  }

  /**
   * Builds the target from one address of a group, as Prometheus's {@code PopulateLabels} does; null
   * when relabeling drops it or leaves no {@code __address__}.
   */
  static @Nullable ScrapeTarget of(ScrapeConfig c, String address, Map<String, String> groupLabels,
      Map<String, String> meta) {
    Map<String, String> l = new TreeMap<>(meta);
    l.putAll(groupLabels);
    l.put("__address__", address);
    l.putIfAbsent("job", c.jobName());
    l.putIfAbsent("__scheme__", c.scheme());
    l.putIfAbsent("__metrics_path__", c.metricsPath());
    l.putIfAbsent("__scrape_interval__", PromDuration.format(c.interval()));
    l.putIfAbsent("__scrape_timeout__", PromDuration.format(c.timeout()));
    c.params().forEach((k, v) -> {
      if (!v.isEmpty()) {
        l.putIfAbsent("__param_" + k, v.get(0));
      }
    });
    Map<String, String> discovered = Map.copyOf(l);
    Map<String, String> relabeled = Relabeler.apply(l, c.relabelConfigs());
    if (relabeled == null || relabeled.getOrDefault("__address__", "").isEmpty()) {
      return null;
    }
    Duration interval = PromDuration.parse(relabeled.get("__scrape_interval__"), "__scrape_interval__ of " + address);
    Duration timeout = PromDuration.parse(relabeled.get("__scrape_timeout__"), "__scrape_timeout__ of " + address);
    StringBuilder query = new StringBuilder();
    relabeled.forEach((k, v) -> {
      if (k.startsWith("__param_")) {
        query.append(query.isEmpty() ? "?" : "&").append(enc(k.substring(8))).append('=').append(enc(v));
      }
    });
    String path = relabeled.getOrDefault("__metrics_path__", "/metrics");
    URI url = URI.create(relabeled.getOrDefault("__scheme__", "http") + "://" + relabeled.get("__address__")
        + (path.startsWith("/") ? path : "/" + path) + query);
    Map<String, String> labels = new TreeMap<>();
    relabeled.forEach((k, v) -> {
      if (!k.startsWith("__")) {
        labels.put(k, v);
      }
    });
    labels.putIfAbsent("instance", relabeled.get("__address__"));
    return new ScrapeTarget(url, labels, discovered, interval, timeout);
  }

  static List<ScrapeTarget> of(ScrapeConfig c, TargetGroup g, Map<String, String> meta) {
    return g.targets().stream().map(a -> of(c, a, g.labels(), meta)).filter(t -> t != null).toList();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
