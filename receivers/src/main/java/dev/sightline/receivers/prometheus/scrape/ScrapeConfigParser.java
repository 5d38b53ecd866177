package dev.sightline.receivers.prometheus.scrape;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code scrape_configs} (YAML already parsed into maps and lists) with Prometheus's
 * defaults, naming each bad setting by its path, e.g. {@code scrape_configs[1].scrape_interval}.
 */
public final class ScrapeConfigParser {
  private static final Set<String> KEYS = Set.of("job_name", "scrape_interval", "scrape_timeout",
      "metrics_path", "scheme", "params", "honor_labels", "honor_timestamps", "sample_limit",
      "body_size_limit", "static_configs", "file_sd_configs", "relabel_configs", "metric_relabel_configs");
  private static final Set<String> RULE_KEYS = Set.of("action", "source_labels", "separator", "regex",
      "target_label", "replacement", "modulus");

  private ScrapeConfigParser() {}

  /**
   * @param defaultInterval the global {@code scrape_interval} (Prometheus: 1m)
   * @param defaultTimeout the global {@code scrape_timeout} (Prometheus: 10s), capped by each interval
   */
  public static List<ScrapeConfig> parse(List<?> entries, Duration defaultInterval, Duration defaultTimeout) {
    List<ScrapeConfig> out = new ArrayList<>();
    Set<String> jobs = new HashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      String where = "scrape_configs[" + i + "]";
      ScrapeConfig c = one(map(entries.get(i), where), where, defaultInterval, defaultTimeout);
      if (!jobs.add(c.jobName())) {
        throw new IllegalArgumentException(where + ".job_name: '" + c.jobName() + "' is used by an earlier scrape config");
      }
      out.add(c);
    }
    return out;
  }

  private static ScrapeConfig one(Map<String, Object> m, String where, Duration defInterval, Duration defTimeout) {
    unknown(m, KEYS, where);
    String job = string(m, "job_name", null, where);
    Duration interval = m.containsKey("scrape_interval")
        ? PromDuration.parse(string(m, "scrape_interval", "", where), where + ".scrape_interval") : defInterval;
    if (interval.isZero()) {
      throw new IllegalArgumentException(where + ".scrape_interval: must be greater than zero");
    }
    Duration timeout = m.containsKey("scrape_timeout")
        ? PromDuration.parse(string(m, "scrape_timeout", "", where), where + ".scrape_timeout")
        : (defTimeout.compareTo(interval) > 0 ? interval : defTimeout);
    String scheme = string(m, "scheme", "http", where);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException(where + ".scheme: expected http or https, got '" + scheme + "'");
    }
    Map<String, List<String>> params = new LinkedHashMap<>();
    map(m.getOrDefault("params", Map.of()), where + ".params").forEach((k, v) ->
        params.put(k, strings(v, where + ".params." + k)));
    List<TargetGroup> statics = new ArrayList<>();
    List<?> sc = list(m.getOrDefault("static_configs", List.of()), where + ".static_configs");
    for (int i = 0; i < sc.size(); i++) {
      statics.add(group(map(sc.get(i), where + ".static_configs[" + i + "]"), where + ".static_configs[" + i + "]"));
    }
    List<Path> files = new ArrayList<>();
    Duration refresh = Duration.ofMinutes(5);
    List<?> fsd = list(m.getOrDefault("file_sd_configs", List.of()), where + ".file_sd_configs");
    for (int i = 0; i < fsd.size(); i++) {
      String w = where + ".file_sd_configs[" + i + "]";
      Map<String, Object> f = map(fsd.get(i), w);
      unknown(f, Set.of("files", "refresh_interval"), w);
      strings(f.getOrDefault("files", List.of()), w + ".files").forEach(p -> files.add(Path.of(p)));
      if (f.containsKey("refresh_interval")) {
        refresh = PromDuration.parse(string(f, "refresh_interval", "", w), w + ".refresh_interval");
      }
    }
    return new ScrapeConfig(job, interval, timeout, string(m, "metrics_path", "/metrics", where), scheme, params,
        bool(m, "honor_labels", false, where), bool(m, "honor_timestamps", true, where),
        number(m, "sample_limit", where), number(m, "body_size_limit", where), statics, files, refresh,
        rules(m.getOrDefault("relabel_configs", List.of()), where + ".relabel_configs"),
        rules(m.getOrDefault("metric_relabel_configs", List.of()), where + ".metric_relabel_configs"));
  }

  /** One target group: {@code targets} and optional {@code labels}. */
  static TargetGroup group(Map<String, Object> g, String where) {
    unknown(g, Set.of("targets", "labels"), where);
    Map<String, String> labels = new LinkedHashMap<>();
    map(g.getOrDefault("labels", Map.of()), where + ".labels").forEach((k, v) -> {
      if (!Relabeler.validLabelName(k)) {
        throw new IllegalArgumentException(where + ".labels: '" + k + "' is not a valid label name");
      }
      labels.put(k, String.valueOf(v));
    });
    return new TargetGroup(strings(g.getOrDefault("targets", List.of()), where + ".targets"), labels);
  }

  static List<RelabelRule> rules(Object raw, String where) {
    List<RelabelRule> out = new ArrayList<>();
    List<?> l = list(raw, where);
    for (int i = 0; i < l.size(); i++) {
      String w = where + "[" + i + "]";
      Map<String, Object> r = map(l.get(i), w);
      unknown(r, RULE_KEYS, w);
      RelabelRule.Action action = RelabelRule.Action.parse(string(r, "action", "replace", w), w);
      String defaultRegex = "(.*)";
      out.add(RelabelRule.checked(new RelabelRule(action,
          r.containsKey("source_labels") ? strings(r.get("source_labels"), w + ".source_labels") : List.of(),
          string(r, "separator", ";", w), RelabelRule.anchored(string(r, "regex", defaultRegex, w), w),
          string(r, "target_label", "", w), string(r, "replacement", "$1", w),
          r.containsKey("modulus") ? number(r, "modulus", w) : 0), w));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o, String where) {
    if (o instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    throw new IllegalArgumentException(where + ": expected a mapping");
  }

  static List<?> list(Object o, String where) {
    if (o instanceof List<?> l) {
      return l;
    }
    throw new IllegalArgumentException(where + ": expected a list");
  }

  static List<String> strings(Object o, String where) {
    if (o instanceof String s) {
      return List.of(s);
    }
    return list(o, where).stream().map(String::valueOf).toList();
  }

  private static String string(Map<String, Object> m, String key, String def, String where) {
    Object v = m.get(key);
    if (v == null) {
      if (def == null) {
        throw new IllegalArgumentException(where + "." + key + ": required");
      }
      return def;
    }
    if (v instanceof Map || v instanceof List) {
      throw new IllegalArgumentException(where + "." + key + ": expected a single value");
    }
    return String.valueOf(v);
  }

  private static boolean bool(Map<String, Object> m, String key, boolean def, String where) {
    Object v = m.get(key);
    if (v == null) {
      return def;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    throw new IllegalArgumentException(where + "." + key + ": expected true or false, got '" + v + "'");
  }

  private static long number(Map<String, Object> m, String key, String where) {
    Object v = m.get(key);
    if (v == null) {
      return 0;
    }
    try {
      long n = Long.parseLong(String.valueOf(v));
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(where + "." + key + ": expected a whole number ≥ 0, got '" + v + "'");
    }
  }

  private static void unknown(Map<String, Object> m, Set<String> known, String where) {
    for (String k : m.keySet()) {
      if (!known.contains(k)) {
        throw new IllegalArgumentException(where + "." + k + ": unknown setting; known: " + String.join(", ", known.stream().sorted().toList()));
      }
    }
  }
}
