package dev.sightline.query.promql;

import dev.sightline.storage.LabelMatcher;
import dev.sightline.storage.SampleReader;
import dev.sightline.storage.SampleSeries;
import dev.sightline.storage.StorageException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * What one query's evaluation shares across nodes: the reader, the query's own start and end
 * (which {@code @ start()} and {@code @ end()} refer to), the sample budget and the deadline.
 */
final class QueryContext {
  final SampleReader reader;
  final String tenant;
  final EngineOptions options;
  final long queryStart;
  final long queryEnd;
  /** The grid of a range query, null for an instant query: rollups serve only this grid. */
  final @Nullable StepGrid rangeGrid;
  final LongAdder rollupSelections;
  private final Clock clock;
  private final long deadlineMs;
  private long currentSamples;

  QueryContext(SampleReader reader, String tenant, EngineOptions options, long queryStart, long queryEnd,
      @Nullable StepGrid rangeGrid, LongAdder rollupSelections) {
    this.rangeGrid = rangeGrid;
    this.rollupSelections = rollupSelections;
    this.reader = reader;
    this.tenant = tenant;
    this.options = options;
    this.queryStart = queryStart;
    this.queryEnd = queryEnd;
    this.clock = options.clock();
    this.deadlineMs = clock.millis() + options.timeout().toMillis();
  }

  List<SampleSeries> select(List<LabelMatcher> matchers, long minMs, long maxMs) {
    checkDeadline();
    try {
      return reader.select(tenant, matchers, minMs, maxMs, options.selectLimits());
    } catch (StorageException e) {
      throw PromqlException.execution("expanding series: " + e.getMessage());
    }
  }

  void checkDeadline() {
    if (clock.millis() > deadlineMs) {
      throw new PromqlException(PromqlException.ErrorType.TIMEOUT,
          "query timed out in expression evaluation");
    }
  }

  long currentSamples() {
    return currentSamples;
  }

  void resetSamples(long value) {
    currentSamples = value;
  }

  /** Counts samples held in memory, failing once more are held than a query may hold. */
  void acquire(long samples) {
    currentSamples += samples;
    checkSamples(0);
  }

  void checkSamples(long extra) {
    if (currentSamples + extra > options.maxSamples()) {
      throw PromqlException.execution(
          "query processing would load too many samples into memory in query execution");
    }
  }
}
