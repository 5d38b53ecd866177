package dev.sightline.server.promql;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One query of {@code promql/corpus.txt} and what is expected of it. A corpus line is a query,
 * optionally followed by {@code ##} and annotations: {@code error=bad_data} or
 * {@code error=execution} (the query must fail, only the error type is compared),
 * {@code range_error=bad_data} (only range queries must fail, as for a range vector or string),
 * {@code tol=1e-6} (relative tolerance where Prometheus's own result depends on summation order),
 * {@code empty} (the result is empty at every evaluation, on purpose). Lines starting with
 * {@code #} are comments; {@code # == Name ==} starts a section.
 */
record CorpusQuery(int line, String section, String query, @Nullable String expectedError, @Nullable String rangeError,
    double tolerance, boolean expectEmpty) {
  static final double DEFAULT_TOLERANCE = 1e-9;
  private static final Pattern SECTION = Pattern.compile("^#\\s*==\\s*(.+?)\\s*==\\s*$");
  private static final Pattern SORTED = Pattern.compile("^\\s*sort(_desc)?\\s*\\(.*");

  /** The error type {@code evaluation} must end in, or null where it must succeed. */
  @Nullable String expectedError(Evaluation evaluation) {
    return evaluation.isInstant() || rangeError == null ? expectedError : rangeError;
  }

  /** Instant results keep their order only where the query sorts them. */
  boolean ordered() {
    return SORTED.matcher(query).matches();
  }

  @Override
  public String toString() {
    return "corpus.txt:" + line + " [" + section + "] " + query;
  }

  static List<CorpusQuery> load(String resource) throws IOException {
    try (InputStream in = CorpusQuery.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("no test resource " + resource);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  static List<CorpusQuery> parse(String text) {
    List<CorpusQuery> queries = new ArrayList<>();
    String section = "(none)";
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      var header = SECTION.matcher(line);
      if (header.matches()) {
        section = header.group(1);
        continue;
      }
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String query = line;
      String error = null;
      String rangeError = null;
      double tolerance = DEFAULT_TOLERANCE;
      boolean empty = false;
      int marker = line.indexOf(" ##");
      if (marker >= 0) {
        query = line.substring(0, marker).strip();
        for (String annotation : line.substring(marker + 3).strip().split("\\s+")) {
          if (annotation.startsWith("error=")) {
            error = annotation.substring("error=".length());
          } else if (annotation.startsWith("range_error=")) {
            rangeError = annotation.substring("range_error=".length());
          } else if (annotation.startsWith("tol=")) {
            tolerance = Double.parseDouble(annotation.substring("tol=".length()));
          } else if (annotation.equals("empty")) {
            empty = true;
          } else if (!annotation.isEmpty()) {
            throw new IllegalArgumentException("corpus.txt:" + (i + 1) + ": unknown annotation '" + annotation
                + "'; expected error=bad_data|execution, range_error=bad_data, tol=<number> or empty");
          }
        }
      }
      queries.add(new CorpusQuery(i + 1, section, query, error, rangeError, tolerance, empty));
    }
    return queries;
  }
}
