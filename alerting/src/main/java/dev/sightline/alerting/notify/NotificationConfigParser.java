package dev.sightline.alerting.notify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Reads the {@code notifications:} section with Alertmanager's defaults and inheritance down the route tree. */
final class NotificationConfigParser {
  private static final String ROOT = "notifications";
  private static final Set<String> KEYS = Set.of("route", "inhibit_rules", "receivers", "external_url", "retry",
      "resolve_timeout", "http_timeout", "history_size", "queue_capacity");
  private static final Set<String> ROUTE_KEYS = Set.of("receiver", "matchers", "match", "match_re", "group_by",
      "group_wait", "group_interval", "repeat_interval", "continue", "routes");
  private static final Set<String> INHIBIT_KEYS = Set.of("source_matchers", "target_matchers", "equal");
  private static final Set<String> RETRY_KEYS = Set.of("initial_backoff", "max_backoff", "max_attempts", "max_elapsed");

  private NotificationConfigParser() {}

  static NotificationConfig parse(Map<String, Object> section) {
    ConfigReader top = ConfigReader.of(section, ROOT, KEYS);
    List<ReceiverConfig> receivers = new ArrayList<>();
    Set<String> names = new HashSet<>();
    List<?> raw = top.list("receivers");
    for (int i = 0; i < raw.size(); i++) {
      ReceiverConfig r = ReceiverParser.parse(raw.get(i), top.path("receivers") + "[" + i + "]");
      if (!names.add(r.name())) {
        throw new IllegalArgumentException(top.path("receivers") + "[" + i + "].name: '" + r.name()
            + "' is used by an earlier receiver");
      }
      receivers.add(r);
    }
    if (!top.has("route")) {
      throw new IllegalArgumentException(top.path("route") + ": required");
    }
    Route route = route(top.map.get("route"), top.path("route"), "0", null, names);
    if (route.matchers().size() > 0) {
      throw new IllegalArgumentException(top.path("route") + ".matchers: the root route matches every alert and takes none");
    }
    List<InhibitRule> inhibit = new ArrayList<>();
    List<?> rules = top.list("inhibit_rules");
    for (int i = 0; i < rules.size(); i++) {
      ConfigReader r = ConfigReader.of(rules.get(i), top.path("inhibit_rules") + "[" + i + "]", INHIBIT_KEYS);
      inhibit.add(new InhibitRule(r.matchers("source_matchers"), r.matchers("target_matchers"), r.strings("equal")));
    }
    RetryPolicy retry = RetryPolicy.DEFAULT;
    if (top.has("retry")) {
      ConfigReader r = ConfigReader.of(top.map.get("retry"), top.path("retry"), RETRY_KEYS);
      Duration initial = r.duration("initial_backoff", retry.initialBackoff());
      Duration max = r.duration("max_backoff", retry.maxBackoff());
      if (max.compareTo(initial) < 0) {
        throw new IllegalArgumentException(r.path("max_backoff") + ": must be at least initial_backoff");
      }
      int attempts = r.count("max_attempts", retry.maxAttempts());
      if (attempts < 1) {
        throw new IllegalArgumentException(r.path("max_attempts") + ": must be at least 1");
      }
      retry = new RetryPolicy(initial, max, attempts, r.duration("max_elapsed", retry.maxElapsed()));
    }
    int history = top.count("history_size", 1000);
    int queue = top.count("queue_capacity", 10_000);
    if (queue < 1) {
      throw new IllegalArgumentException(top.path("queue_capacity") + ": must be at least 1");
    }
    return new NotificationConfig(route, inhibit, receivers, top.string("external_url", ""), retry,
        top.duration("resolve_timeout", Duration.ofMinutes(5)), top.duration("http_timeout", Duration.ofSeconds(10)),
        history, queue);
  }

  private static Route route(Object raw, String where, String id, @Nullable Route parent, Set<String> receivers) {
    ConfigReader r = ConfigReader.of(raw, where, ROUTE_KEYS);
    String receiver = parent == null ? r.string("receiver") : r.string("receiver", parent.receiver());
    if (!receivers.contains(receiver)) {
      throw new IllegalArgumentException(r.path("receiver") + ": '" + receiver + "' is not a receiver; known: "
          + String.join(", ", receivers.stream().sorted().toList()));
    }
    List<Matcher> matchers = new ArrayList<>(r.matchers("matchers"));
    legacy(r, "match", Matcher.Op.EQUAL, matchers);
    legacy(r, "match_re", Matcher.Op.REGEX, matchers);
    List<String> groupBy = parent == null ? List.of() : parent.groupBy();
    boolean all = parent != null && parent.groupByAll();
    if (r.has("group_by")) {
      groupBy = r.strings("group_by");
      all = groupBy.contains("...");
      if (all && groupBy.size() > 1) {
        throw new IllegalArgumentException(r.path("group_by") + ": '...' groups by all labels and stands alone");
      }
    }
    Duration wait = r.duration("group_wait", parent == null ? Duration.ofSeconds(30) : parent.groupWait());
    Duration interval = r.duration("group_interval", parent == null ? Duration.ofMinutes(5) : parent.groupInterval());
    Duration repeat = r.duration("repeat_interval", parent == null ? Duration.ofHours(4) : parent.repeatInterval());
    if (interval.isZero()) {
      throw new IllegalArgumentException(r.path("group_interval") + ": must be greater than zero");
    }
    if (repeat.isZero()) {
      throw new IllegalArgumentException(r.path("repeat_interval") + ": must be greater than zero");
    }
    boolean cont = r.bool("continue", false);
    if (parent == null && cont) {
      throw new IllegalArgumentException(r.path("continue") + ": the root route cannot continue");
    }
    Route self = new Route(id, receiver, matchers, groupBy, all, wait, interval, repeat, cont, List.of());
    List<Route> children = new ArrayList<>();
    List<?> raws = r.list("routes");
    for (int i = 0; i < raws.size(); i++) {
      children.add(route(raws.get(i), r.path("routes") + "[" + i + "]", id + "." + i, self, receivers));
    }
    return new Route(id, receiver, matchers, groupBy, all, wait, interval, repeat, cont, children);
  }

  /** Alertmanager's deprecated {@code match}/{@code match_re} maps, still common in configs. */
  private static void legacy(ConfigReader r, String key, Matcher.Op op, List<Matcher> out) {
    if (!r.has(key)) {
      return;
    }
    if (!(r.map.get(key) instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException(r.path(key) + ": expected a mapping of label name to value");
    }
    m.forEach((k, v) -> out.add(Matcher.parse(k + op.text() + '"' + String.valueOf(v).replace("\\", "\\\\")
        .replace("\"", "\\\"") + '"', r.path(key) + "." + k)));
  }
}
