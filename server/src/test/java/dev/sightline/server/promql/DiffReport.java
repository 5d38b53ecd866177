package dev.sightline.server.promql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Every problem found in one run, grouped by corpus query, rendered once at the end (and written
 * to {@code target/promql-diff.txt}) so that one run shows all mismatches, not the first.
 */
final class DiffReport {
  private final String title;
  private final List<String> header = new ArrayList<>();
  private final Map<CorpusQuery, List<String>> problems = new LinkedHashMap<>();
  private int evaluations;
  private int resultsCompared;
  private int errorsCompared;
  private long pointsCompared;
  private int problemCount;

  DiffReport(String title) {
    this.title = title;
  }

  void note(String line) {
    header.add(line);
  }

  /** The run stopped early: counts as a problem, so that a partial comparison never passes. */
  void unfinished(String why) {
    header.add("UNFINISHED: " + why);
    problemCount++;
  }

  void evaluated() {
    evaluations++;
  }

  /** Counts what was compared, so that a clean report shows it compared something. */
  void compared(QueryOutcome sightline) {
    evaluations++;
    if (!sightline.success()) {
      errorsCompared++;
    } else if (!sightline.series().isEmpty()) {
      resultsCompared++;
      pointsCompared += sightline.series().stream().mapToInt(series -> series.points().size()).sum();
    }
  }

  /** A problem with {@code query} at {@code evaluation}; both sides are shown for a query's first problem only. */
  void problem(CorpusQuery query, Evaluation evaluation, String difference, QueryOutcome prometheus, @Nullable QueryOutcome sightline) {
    List<String> lines = problems.computeIfAbsent(query, q -> new ArrayList<>());
    lines.add("  " + evaluation + ": " + difference);
    if (lines.size() == 1 || difference.equals("outcome differs")) {
      lines.add("      Prometheus: " + describe(prometheus));
      if (sightline != null) {
        lines.add("      Sightline:  " + describe(sightline));
      }
    }
    problemCount++;
  }

  private static String describe(QueryOutcome outcome) {
    if (!outcome.success() || outcome.series().isEmpty()) {
      return outcome.summary();
    }
    return outcome.summary() + "; first " + outcome.series().get(0);
  }

  int problemCount() {
    return problemCount;
  }

  int queriesWithProblems() {
    return problems.size();
  }

  String render() {
    return render(Integer.MAX_VALUE);
  }

  /** The report with at most {@code maxQueries} queries' problems, for a failure message that stays readable. */
  String render(int maxQueries) {
    StringBuilder b = new StringBuilder(title).append('\n');
    header.forEach(h -> b.append(h).append('\n'));
    b.append(evaluations).append(" evaluations");
    if (resultsCompared + errorsCompared > 0) {
      b.append(" (Sightline: ").append(resultsCompared).append(" non-empty results with ").append(pointsCompared)
          .append(" points, ").append(errorsCompared).append(" errors)");
    }
    b.append(", ").append(problemCount).append(" problems in ").append(problems.size()).append(" queries\n");
    int shown = 0;
    for (Map.Entry<CorpusQuery, List<String>> e : problems.entrySet()) {
      if (shown++ == maxQueries) {
        b.append("\n… and ").append(problems.size() - maxQueries).append(" more queries\n");
        break;
      }
      b.append('\n').append(e.getKey()).append('\n');
      e.getValue().forEach(l -> b.append(l).append('\n'));
    }
    return b.toString();
  }

  void write(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, render());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
