package dev.sightline.query.logql;

import dev.sightline.storage.LabelMatcher;
import java.time.Duration;
import java.util.List;

/** A parsed LogQL query: a log query (selector and pipeline) or a metric query over one. */
public sealed interface LogqlExpr {

  /** {@code {matchers} | stage | stage …}: log lines. */
  record LogQuery(List<LabelMatcher> matchers, List<Stage> stages) implements LogqlExpr {
    public LogQuery {
      matchers = List.copyOf(matchers);
      stages = List.copyOf(stages);
    }
  }

  /** {@code count_over_time(<log query>[range])} or {@code rate(…)}: a sample per stream and step. */
  record RangeAggregation(String function, LogQuery query, Duration range) implements LogqlExpr {}

  /** {@code sum by (labels) (<metric query>)} and count, min, max, avg; {@code without} drops the labels instead. */
  record VectorAggregation(String operation, List<String> labels, boolean without, LogqlExpr inner) implements LogqlExpr {
    public VectorAggregation {
      labels = List.copyOf(labels);
    }
  }

  /** A step of a log pipeline. */
  sealed interface Stage {}

  /** {@code |= "text"}, {@code != "text"}, {@code |~ "re"}, {@code !~ "re"}. */
  record LineFilter(String op, String value, java.util.regex.@org.jspecify.annotations.Nullable Pattern regex) implements Stage {}

  /** {@code | json} or {@code | logfmt}: fields of the line become labels. */
  record Parser(String format) implements Stage {}

  /** {@code | name op value}: {@code = != =~ !~} on text, {@code > >= < <= == !=} on numbers. */
  record LabelFilter(String name, String op, String value, java.util.regex.@org.jspecify.annotations.Nullable Pattern regex,
      boolean numeric) implements Stage {}
}
