package dev.sightline.server.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PromQL differential test: Debian's Prometheus (a process) and Sightline (in this JVM) take
 * the same generated samples by remote write, then answer every query of
 * {@code promql/corpus.txt} as instant queries at three times and as range queries over the last
 * hour at an aligned and an unaligned step; the answers must agree within floating-point
 * tolerance. All differences are reported at once, and written to {@code target/promql-diff.txt}.
 *
 * <p>With {@code -Dpromql.prometheusOnly=true} only Prometheus runs, and the test checks the
 * corpus itself: each query succeeds (non-empty somewhere unless marked {@code empty}) or fails
 * with the error type it is marked with. The same check runs against Prometheus's answers in the
 * full comparison, and Prometheus's answers go to {@code target/promql-prometheus-answers.txt} for
 * whoever writes corpus lines. Skipped with a reason where Prometheus is not installed; CI installs it.
 *
 * <p>Run: {@code ./mvnw -B -q -o test -pl server -Dtest=PromqlDifferentialTest
 * -Dsurefire.failIfNoSpecifiedTests=false [-Dpromql.prometheusOnly=true]}.
 */
class PromqlDifferentialTest {
  static final String CORPUS = "/promql/corpus.txt";
  static final long SEED = 20240601L;
  static final boolean PROMETHEUS_ONLY = Boolean.getBoolean("promql.prometheusOnly");
  static final long MINUTE = PromqlTestData.MINUTE;
  static final Duration COMPARISON_BUDGET = Duration.ofMinutes(15);

  @TempDir Path dir;

  @Test
  void corpusHasAtLeast200Queries() throws Exception {
    List<CorpusQuery> corpus = CorpusQuery.load(CORPUS);
    assertThat(corpus).hasSizeGreaterThanOrEqualTo(200);
    assertThat(corpus.stream().filter(q -> q.expectedError() != null)).hasSizeGreaterThanOrEqualTo(12);
    assertThat(corpus.stream().map(CorpusQuery::query).distinct()).as("queries are not repeated").hasSameSizeAs(corpus);
  }

  @Test
  void sightlineAnswersTheCorpusAsPrometheusDoes() throws Exception {
    Path binary = PrometheusProcess.binary();
    Assumptions.assumeTrue(binary != null, "Prometheus is not installed (apt-get install prometheus); CI installs it");
    List<CorpusQuery> corpus = CorpusQuery.load(CORPUS);
    // A whole minute, one minute back, so that Prometheus's head takes the whole window.
    long end = System.currentTimeMillis() / MINUTE * MINUTE - MINUTE;
    PromqlTestData data = PromqlTestData.generate(end, SEED);
    List<Evaluation> evaluations = List.of(
        Evaluation.instant("at the window's end", data.end),
        Evaluation.instant("inside a gap", data.gapTime()),
        Evaluation.instant("10 m after the window's start", data.start + 10 * MINUTE),
        Evaluation.range("last hour", data.end - 60 * MINUTE, data.end, 60_000),
        Evaluation.range("last hour, unaligned", data.end - 60 * MINUTE + 11_000, data.end, 37_000));
    DiffReport report = new DiffReport(PROMETHEUS_ONLY
        ? "PromQL corpus checked against Prometheus alone (-Dpromql.prometheusOnly=true)"
        : "PromQL differential test: Sightline against Prometheus");
    report.note("data: " + data.series.size() + " series, " + data.series.stream().mapToInt(s -> s.timestamps().length).sum()
        + " samples, " + Instant.ofEpochMilli(data.start) + " .. " + Instant.ofEpochMilli(data.end) + " (seed " + SEED + ")");
    report.note("corpus: " + corpus.size() + " queries x " + evaluations.size() + " evaluations");
    try (PrometheusProcess prometheus = PrometheusProcess.start(binary, dir)) {
      report.note("Prometheus: " + binary + " at " + prometheus.url());
      new RemoteWriteClient(prometheus.url() + "/api/v1/write").send(data.series, data.start, data.end, 5 * MINUTE);
      PromqlHttpClient expected = new PromqlHttpClient(prometheus.url());
      if (PROMETHEUS_ONLY) {
        StringBuilder answers = new StringBuilder();
        for (CorpusQuery query : corpus) {
          List<QueryOutcome> outcomes = new ArrayList<>();
          answers.append('\n').append(query).append('\n');
          for (Evaluation evaluation : evaluations) {
            QueryOutcome outcome = expected.query(query.query(), evaluation);
            outcomes.add(outcome);
            report.evaluated();
            answers.append("  ").append(evaluation).append(": ").append(outcome.summary()).append('\n');
            outcome.series().stream().limit(4).forEach(series -> answers.append("    ").append(series).append('\n'));
          }
          CorpusIntent.check(query, evaluations, outcomes, report);
        }
        // What Prometheus answers, for whoever writes or reviews corpus lines.
        Files.writeString(reportFile().resolveSibling("promql-prometheus-answers.txt"), answers);
      } else {
        compare(data, corpus, evaluations, expected, report);
      }
    }
    report.write(reportFile());
    if (report.problemCount() > 0) {
      fail(report.render(40) + "\nThe whole report: " + reportFile().toAbsolutePath());
    }
  }

  private void compare(PromqlTestData data, List<CorpusQuery> corpus, List<Evaluation> evaluations,
      PromqlHttpClient expected, DiffReport report) throws InterruptedException {
    try (InProcessSightline sightline = new InProcessSightline(dir.resolve("sightline"))) {
      new RemoteWriteClient(sightline.api() + "/api/v1/write").send(data.series, data.start, data.end, 5 * MINUTE);
      sightline.awaitStored();
      PromqlHttpClient actual = new PromqlHttpClient(sightline.api());
      QueryOutcome probe = actual.query("1", Evaluation.instant("probe", data.end));
      if (!probe.success()) {
        report.unfinished("Sightline's PromQL API does not answer GET /api/v1/query?query=1: " + probe.summary());
        return;
      }
      long deadline = System.nanoTime() + COMPARISON_BUDGET.toNanos();
      for (CorpusQuery query : corpus) {
        if (System.nanoTime() > deadline) {
          report.unfinished("the comparison ran out of its " + COMPARISON_BUDGET.toMinutes() + " minutes before " + query);
          return;
        }
        List<QueryOutcome> outcomes = new ArrayList<>();
        for (Evaluation evaluation : evaluations) {
          QueryOutcome want = expected.query(query.query(), evaluation);
          QueryOutcome got = actual.query(query.query(), evaluation);
          outcomes.add(want);
          report.compared(got);
          String difference = OutcomeComparison.firstDifference(query, evaluation, want, got);
          if (difference != null) {
            report.problem(query, evaluation, difference, want, got);
          }
        }
        CorpusIntent.check(query, evaluations, outcomes, report);
      }
    }
  }

  private static Path reportFile() {
    String basedir = System.getProperty("basedir");
    return (basedir == null ? Path.of("") : Path.of(basedir)).resolve("target").resolve("promql-diff.txt");
  }
}
