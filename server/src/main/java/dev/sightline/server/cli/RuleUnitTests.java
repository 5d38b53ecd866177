package dev.sightline.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sightline.alerting.ActiveAlert;
import dev.sightline.alerting.AlertState;
import dev.sightline.alerting.Conditions;
import dev.sightline.alerting.RuleManager;
import dev.sightline.alerting.SignalConditions;
import dev.sightline.alerting.rules.RuleFileException;
import dev.sightline.alerting.rules.RuleFileParser;
import dev.sightline.alerting.rules.RuleGroup;
import dev.sightline.pipeline.SelfMetrics;
import dev.sightline.query.promql.Durations;
import dev.sightline.query.promql.Expr;
import dev.sightline.query.promql.PromqlEngine;
import dev.sightline.query.promql.PromqlParser;
import dev.sightline.query.promql.QueryResult;
import dev.sightline.query.promql.VectorSelector;
import dev.sightline.receivers.prometheus.PromSeries;
import dev.sightline.receivers.prometheus.SeriesToOtlp;
import dev.sightline.storage.LabelMatcher;
import dev.sightline.storage.WriteBatch;
import dev.sightline.storage.duckdb.DuckDbStorage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Unit tests of rules in Prometheus's {@code promtool test rules} format, run on this machine: each
 * test's input series go into a throwaway embedded store, its rule files are evaluated every
 * {@code evaluation_interval} from time zero with Sightline's own engine, and the alerts firing
 * (and PromQL results) at each {@code eval_time} are compared with the expected ones.
 */
final class RuleUnitTests {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String TENANT = "default";
  private final PrintStream out;

  RuleUnitTests(PrintStream out) {
    this.out = out;
  }

  /** Runs every test of the file; returns how many checks failed. */
  int run(Path file) throws IOException {
    JsonNode root = YAML.readTree(file.toFile());
    if (root == null || !root.path("tests").isArray()) {
      throw new IllegalArgumentException(file + ": expected 'rule_files' and 'tests' as promtool test files have");
    }
    List<Path> ruleFiles = new ArrayList<>();
    root.path("rule_files").forEach(r -> ruleFiles.add(file.toAbsolutePath().getParent().resolve(r.asText())));
    Duration every = Duration.ofMillis(Durations.parse(root.path("evaluation_interval").asText("1m")));
    int failures = 0;
    int index = 0;
    for (JsonNode test : root.path("tests")) {
      failures += runTest(file, test, index++, ruleFiles, every);
    }
    return failures;
  }

  private int runTest(Path file, JsonNode test, int index, List<Path> ruleFiles, Duration every) throws IOException {
    String name = test.path("name").asText("test " + index);
    Path dir = Files.createTempDirectory("sightline-rules-test");
    try (DuckDbStorage store = DuckDbStorage.open(dir, "256MB")) {
      long step = Durations.parse(test.path("interval").asText("1m"));
      List<PromSeries> series = new ArrayList<>();
      for (JsonNode s : test.path("input_series")) {
        series.add(series(s.path("series").asText(), SeriesValues.parse(s.path("values").asText()), step));
      }
      if (!series.isEmpty()) {
        store.writer().write(new WriteBatch(List.of(new WriteBatch.Entry(1, TENANT, new WriteBatch.Metrics(
            SeriesToOtlp.convert(series, Map.of(), "sightline.rules.test").getResourceMetricsList()))), 1));
      }
      MutableClock clock = new MutableClock();
      PromqlEngine engine = PromqlEngine.builder(store.samples().orElseThrow()).clock(clock).build();
      Conditions conditions = new Conditions(engine, TENANT, SignalConditions.UNAVAILABLE);
      RuleFileParser parser = new RuleFileParser(conditions, every);
      List<RuleGroup> groups = new ArrayList<>();
      for (Path r : ruleFiles) {
        try {
          groups.addAll(parser.parse(r.toString(), Files.readString(r)));
        } catch (RuleFileException e) {
          throw new IllegalArgumentException(e.getMessage());
        }
      }
      RuleManager rules = new RuleManager(conditions, alerts -> { }, (tenant, samples) -> { }, clock,
          dir.resolve("state.json"), "", new SelfMetrics());
      rules.replace(groups);
      int failures = 0;
      List<JsonNode> checks = new ArrayList<>();
      test.path("alert_rule_test").forEach(checks::add);
      checks.sort(Comparator.comparingLong(c -> Durations.parse(c.path("eval_time").asText())));
      long next = 0; // evaluations at 0, interval, 2 × interval, … as promtool does them
      for (JsonNode check : checks) {
        long at = Durations.parse(check.path("eval_time").asText());
        for (; next <= at; next += every.toMillis()) {
          clock.set(next);
          rules.evaluateAt(clock.instant());
        }
        failures += alerts(name, check, rules.alerts());
      }
      for (JsonNode check : test.path("promql_expr_test")) {
        failures += expression(name, check, engine);
      }
      if (failures == 0) {
        out.println(file + ": " + name + ": ok");
      }
      return failures;
    } finally {
      deleteTree(dir);
    }
  }

  private int alerts(String test, JsonNode check, List<ActiveAlert> active) {
    String alertname = check.path("alertname").asText();
    Set<Map<String, String>> got = new HashSet<>();
    for (ActiveAlert a : active) {
      if (a.state() == AlertState.FIRING && alertname.equals(a.labels().get("alertname"))) {
        Map<String, String> both = new TreeMap<>(a.labels());
        both.remove("alertname");
        a.annotations().forEach((k, v) -> both.put("annotation:" + k, v));
        got.add(both);
      }
    }
    Set<Map<String, String>> expected = new HashSet<>();
    for (JsonNode e : check.path("exp_alerts")) {
      Map<String, String> both = new TreeMap<>(strings(e.path("exp_labels")));
      strings(e.path("exp_annotations")).forEach((k, v) -> both.put("annotation:" + k, v));
      expected.add(both);
    }
    // Without expected annotations an alert's annotations are not compared, as promtool does.
    boolean compareAnnotations = expected.stream().anyMatch(m -> m.keySet().stream().anyMatch(k -> k.startsWith("annotation:")));
    if (!compareAnnotations) {
      got.forEach(m -> m.keySet().removeIf(k -> k.startsWith("annotation:")));
    }
    if (got.equals(expected)) {
      return 0;
    }
    out.println(test + ": alert " + alertname + " at " + check.path("eval_time").asText() + ":\n  expected " + expected
        + "\n  got      " + got);
    return 1;
  }

  private int expression(String test, JsonNode check, PromqlEngine engine) {
    long at = Durations.parse(check.path("eval_time").asText());
    QueryResult r = engine.instantQuery(TENANT, check.path("expr").asText(), at);
    Set<String> got = new HashSet<>();
    if (r instanceof QueryResult.VectorResult v) {
      v.samples().forEach(s -> got.add(new TreeMap<>(s.labels()) + " " + s.value()));
    } else if (r instanceof QueryResult.ScalarResult s) {
      got.add("{} " + s.value());
    }
    Set<String> expected = new HashSet<>();
    for (JsonNode e : check.path("exp_samples")) {
      Map<String, String> labels = e.path("labels").asText("").isEmpty() ? Map.of() : selectorLabels(e.path("labels").asText());
      expected.add(new TreeMap<>(labels) + " " + e.path("value").asDouble());
    }
    if (got.equals(expected)) {
      return 0;
    }
    out.println(test + ": " + check.path("expr").asText() + " at " + check.path("eval_time").asText() + ":\n  expected "
        + expected + "\n  got      " + got);
    return 1;
  }

  private static PromSeries series(String selector, List<Double> values, long stepMs) {
    List<Long> ts = new ArrayList<>();
    List<Double> vs = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      if (!values.get(i).isNaN()) { // '_' in the values: no sample at that step
        ts.add(i * stepMs);
        vs.add(values.get(i));
      }
    }
    return new PromSeries(selectorLabels(selector), ts.stream().mapToLong(Long::longValue).toArray(),
        vs.stream().mapToDouble(Double::doubleValue).toArray());
  }

  private static Map<String, String> selectorLabels(String selector) {
    Expr e = PromqlParser.parse(selector);
    if (!(e instanceof VectorSelector v)) {
      throw new IllegalArgumentException("'" + selector + "' is not a series such as up{job=\"api\"}");
    }
    Map<String, String> labels = new TreeMap<>();
    for (LabelMatcher m : v.matchers()) {
      if (m.op() != LabelMatcher.Op.EQ) {
        throw new IllegalArgumentException("'" + selector + "': input series take = matchers only");
      }
      labels.put(m.name(), m.value());
    }
    return labels;
  }

  private static Map<String, String> strings(JsonNode object) {
    Map<String, String> out = new TreeMap<>();
    object.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Test time, from zero: set before each evaluation. */
  private static final class MutableClock extends Clock {
    private volatile long ms;

    void set(long ms) {
      this.ms = ms;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(ms);
    }
  }
}
