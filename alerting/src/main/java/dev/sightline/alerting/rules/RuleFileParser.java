package dev.sightline.alerting.rules;

import dev.sightline.security.auth.Tenants;
import org.jspecify.annotations.Nullable;
import dev.sightline.alerting.signals.Threshold;
import dev.sightline.query.promql.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Parses a rule file (Prometheus's format: {@code groups:} of {@code name}, {@code interval},
 * {@code rules:}) and checks every rule before any is used: names, durations, labels, templates,
 * and each condition through {@link ConditionCheck}, so a PromQL syntax error or an unknown
 * function is reported with the file and line of its rule.
 */
public final class RuleFileParser {
  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Set<String> SEVERITIES = Set.of("info", "warning", "critical");
  private static final Set<String> RULE_KEYS = Set.of("alert", "record", "expr", "logs", "spans", "anomaly",
      "condition", "for", "keep_firing_for", "labels", "annotations");

  /** Checks that a condition can be built, throwing an {@link IllegalArgumentException} naming what is wrong. */
  public interface ConditionCheck {
    void check(ConditionSpec spec);
  }

  private final ConditionCheck check;
  private final Duration defaultInterval;

  public RuleFileParser(ConditionCheck check, Duration defaultInterval) {
    this.check = check;
    this.defaultInterval = defaultInterval;
  }

  public List<RuleGroup> parse(String file, String text) throws RuleFileException {
    return parse(file, text, null);
  }

  /**
   * Parses a file that belongs to {@code owner}'s tenant (null: the operator's, whose groups may
   * name any tenant with {@code tenant:}); an owner's groups are its own, and naming another
   * tenant is an error.
   */
  public List<RuleGroup> parse(String file, String text, @Nullable String owner) throws RuleFileException {
    YamlTree yaml = new YamlTree(file);
    Node root = yaml.parse(text);
    Map<String, Node> top = yaml.mapping(root, "file", Set.of("groups"));
    if (!top.containsKey("groups")) {
      throw yaml.error(root, "file", "'groups:' is missing");
    }
    List<RuleGroup> groups = new ArrayList<>();
    Set<String> names = new HashSet<>();
    List<Node> nodes = yaml.sequence(top.get("groups"), "groups");
    for (int g = 0; g < nodes.size(); g++) {
      RuleGroup group = group(yaml, file, nodes.get(g), "groups[" + g + "]", owner);
      if (!names.add(group.name())) {
        throw yaml.error(nodes.get(g), "groups[" + g + "]", "group name '" + group.name() + "' is used twice in the file");
      }
      groups.add(group);
    }
    return groups;
  }

  private RuleGroup group(YamlTree yaml, String file, Node node, String path, @Nullable String owner)
      throws RuleFileException {
    Map<String, Node> fields = yaml.mapping(node, path, Set.of("name", "interval", "rules", "limit", "tenant"));
    String tenant = owner;
    if (fields.containsKey("tenant")) {
      String named = yaml.scalar(fields.get("tenant"), path + ".tenant");
      if (!Tenants.valid(named)) {
        throw yaml.error(fields.get("tenant"), path + ".tenant", "'" + named + "' is not a tenant name");
      }
      if (owner != null && !owner.equals(named)) {
        throw yaml.error(fields.get("tenant"), path + ".tenant", "a rule file of tenant '" + owner
            + "' holds that tenant's rules only, not tenant '" + named + "''s");
      }
      tenant = named;
    }
    if (!fields.containsKey("name") || yaml.scalar(fields.get("name"), path + ".name").isBlank()) {
      throw yaml.error(node, path, "'name' is required");
    }
    String name = yaml.scalar(fields.get("name"), path + ".name");
    Duration interval = fields.containsKey("interval")
        ? duration(yaml, fields.get("interval"), path + ".interval", true) : defaultInterval;
    List<Rule> rules = new ArrayList<>();
    if (fields.containsKey("rules")) {
      List<Node> ruleNodes = yaml.sequence(fields.get("rules"), path + ".rules");
      for (int r = 0; r < ruleNodes.size(); r++) {
        rules.add(rule(yaml, ruleNodes.get(r), path + ".rules[" + r + "]"));
      }
    }
    return new RuleGroup(name, file, interval, rules, tenant);
  }

  private Rule rule(YamlTree yaml, Node node, String path) throws RuleFileException {
    Map<String, Node> f = yaml.mapping(node, path, RULE_KEYS);
    boolean alert = f.containsKey("alert");
    if (alert == f.containsKey("record")) {
      throw yaml.error(node, path, "a rule needs exactly one of 'alert' and 'record'");
    }
    Map<String, String> labels = f.containsKey("labels") ? labels(yaml, f.get("labels"), path + ".labels") : Map.of();
    int line = YamlTree.line(node);
    if (!alert) {
      String record = yaml.scalar(f.get("record"), path + ".record");
      if (!METRIC_NAME.matcher(record).matches()) {
        throw yaml.error(f.get("record"), path + ".record", "'" + record + "' is not a valid metric name");
      }
      for (String k : List.of("logs", "spans", "anomaly", "condition", "for", "keep_firing_for", "annotations")) {
        if (f.containsKey(k)) {
          throw yaml.error(f.get(k), path + "." + k, "a recording rule takes only 'record', 'expr' and 'labels'");
        }
      }
      if (!f.containsKey("expr")) {
        throw yaml.error(node, path, "'expr' is required");
      }
      ConditionSpec.Promql expr = new ConditionSpec.Promql(yaml.scalar(f.get("expr"), path + ".expr"));
      checked(yaml, f.get("expr"), path + ".expr", expr);
      return new Rule.Recording(record, expr, labels, line);
    }
    String name = yaml.scalar(f.get("alert"), path + ".alert");
    if (name.isBlank()) {
      throw yaml.error(f.get("alert"), path + ".alert", "the alert name is empty");
    }
    ConditionSpec condition = condition(yaml, node, f, path);
    Map<String, Template> annotations = new LinkedHashMap<>();
    if (f.containsKey("annotations")) {
      for (Map.Entry<String, String> a : yaml.strings(f.get("annotations"), path + ".annotations").entrySet()) {
        try {
          annotations.put(a.getKey(), Template.compile(a.getValue()));
        } catch (IllegalArgumentException e) {
          throw yaml.error(f.get("annotations"), path + ".annotations." + a.getKey(), e.getMessage());
        }
      }
    }
    return new Rule.Alerting(name, condition,
        f.containsKey("for") ? duration(yaml, f.get("for"), path + ".for", false) : Duration.ZERO,
        f.containsKey("keep_firing_for") ? duration(yaml, f.get("keep_firing_for"), path + ".keep_firing_for", false) : Duration.ZERO,
        labels, annotations, line);
  }

  private ConditionSpec condition(YamlTree yaml, Node node, Map<String, Node> f, String path) throws RuleFileException {
    List<String> kinds = new ArrayList<>();
    for (String k : List.of("expr", "logs", "spans", "anomaly")) {
      if (f.containsKey(k)) {
        kinds.add(k);
      }
    }
    if (kinds.size() != 1) {
      throw yaml.error(node, path, "an alerting rule needs exactly one of 'expr', 'logs', 'spans' and 'anomaly'"
          + (kinds.isEmpty() ? "" : "; it has " + String.join(", ", kinds)));
    }
    String kind = kinds.get(0);
    boolean thresholded = kind.equals("logs") || kind.equals("spans");
    if (thresholded != f.containsKey("condition")) {
      throw yaml.error(f.getOrDefault("condition", node), path, thresholded
          ? "'" + kind + "' rules need 'condition', for example \"> 10\"" : "'condition' applies only to 'logs' and 'spans' rules");
    }
    Node spec = f.get(kind);
    ConditionSpec out = switch (kind) {
      case "expr" -> new ConditionSpec.Promql(yaml.scalar(spec, path + ".expr"));
      case "anomaly" -> new ConditionSpec.Anomaly(params(yaml, spec, path + ".anomaly"));
      default -> {
        Threshold threshold;
        try {
          threshold = Threshold.parse(yaml.scalar(f.get("condition"), path + ".condition"));
        } catch (IllegalArgumentException e) {
          throw yaml.error(f.get("condition"), path + ".condition", e.getMessage());
        }
        Map<String, Object> params = params(yaml, spec, path + "." + kind);
        yield kind.equals("logs") ? new ConditionSpec.Logs(params, threshold) : new ConditionSpec.Spans(params, threshold);
      }
    };
    checked(yaml, spec, path + "." + kind, out);
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> params(YamlTree yaml, Node node, String path) throws RuleFileException {
    if (!(yaml.plain(node, path) instanceof Map<?, ?> map)) {
      throw yaml.error(node, path, "expected a mapping of parameters");
    }
    return (Map<String, Object>) map;
  }

  private void checked(YamlTree yaml, Node node, String path, ConditionSpec spec) throws RuleFileException {
    try {
      check.check(spec);
    } catch (RuntimeException e) { // IllegalArgumentException from a factory, PromqlException from the parser
      throw yaml.error(node, path, e.getMessage());
    }
  }

  private static Map<String, String> labels(YamlTree yaml, Node node, String path) throws RuleFileException {
    Map<String, String> labels = yaml.strings(node, path);
    for (Map.Entry<String, String> l : labels.entrySet()) {
      if (!LABEL_NAME.matcher(l.getKey()).matches() || l.getKey().startsWith("__")) {
        throw yaml.error(node, path, "'" + l.getKey() + "' is not a valid label name");
      }
      if (l.getKey().equals("severity") && !SEVERITIES.contains(l.getValue())) {
        throw yaml.error(node, path + ".severity", "'" + l.getValue() + "' is not a severity; use info, warning or critical");
      }
    }
    return labels;
  }

  private static Duration duration(YamlTree yaml, Node node, String path, boolean positive) throws RuleFileException {
    String text = yaml.scalar(node, path);
    long ms;
    try {
      ms = Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw yaml.error(node, path, "'" + text + "' is not a duration such as 30s, 5m or 1h");
    }
    if (positive && ms <= 0) {
      throw yaml.error(node, path, "must be more than 0");
    }
    return Duration.ofMillis(ms);
  }
}
