package dev.sightline.query.promql;

import dev.sightline.storage.RollupAggregate;
import dev.sightline.storage.SampleSeries;
import dev.sightline.storage.StorageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether a range function over a selector reads the store's precomputed rollups (one
 * sample per 5-minute or 1-hour window, stamped at the window's last sample) instead of raw
 * samples, and reads them. Only at the grid of a range query spanning at least
 * {@link EngineOptions#rollupMinRange()}, with a step of at least the resolution, for a selector
 * directly inside {@code rate}, {@code increase} or a {@code min/max/sum/count/avg/last_over_time}
 * whose range is at least five resolutions; everything else, and whatever the store cannot answer
 * from rollups, reads raw samples, so ordinary queries stay exact.
 *
 * <p>The result is approximate: a step's window takes the rollup windows whose last sample falls
 * in it, so when the window does not line up with rollup windows it takes in or leaves out up to
 * one rollup window's samples at its edges. {@code rate} and {@code increase} read a counter rebuilt
 * from each window's increase and extrapolate from rollup samples as from raw ones.
 */
final class RollupSelection {
  static final long FIVE_MINUTES = 5 * 60_000L;
  static final long HOUR = 60 * 60_000L;
  private static final long[] RESOLUTIONS = {HOUR, FIVE_MINUTES};
  private static final int MIN_WINDOWS_PER_RANGE = 5;

  private RollupSelection() {}

  /**
   * The rollup input of the call and the function that applies to it, or null when the call reads
   * raw samples. {@code avg_over_time} comes as two inputs, window sums and window counts.
   */
  record Plan(List<RangeInput> inputs, String function) {}

  static @Nullable Plan plan(Evaluator ev, String function, Expr arg) {
    QueryContext ctx = ev.ctx;
    long minRange = ctx.options.rollupMinRange().toMillis();
    if (ctx.rangeGrid == null || ev.grid != ctx.rangeGrid || minRange <= 0
        || ctx.queryEnd - ctx.queryStart < minRange
        || !(Evaluator.unwrap(arg) instanceof MatrixSelector ms)) {
      return null;
    }
    List<RollupAggregate> aggregates = switch (function) {
      case "rate", "increase" -> List.of(RollupAggregate.COUNTER);
      case "min_over_time" -> List.of(RollupAggregate.MIN);
      case "max_over_time" -> List.of(RollupAggregate.MAX);
      case "sum_over_time" -> List.of(RollupAggregate.SUM);
      case "count_over_time" -> List.of(RollupAggregate.COUNT);
      case "avg_over_time" -> List.of(RollupAggregate.SUM, RollupAggregate.COUNT);
      case "last_over_time" -> List.of(RollupAggregate.LAST);
      default -> List.of();
    };
    if (aggregates.isEmpty()) {
      return null;
    }
    long res = resolution(ev.grid.step(), ms.rangeMs());
    if (res == 0) {
      return null;
    }
    List<RangeInput> inputs = new ArrayList<>();
    for (RollupAggregate a : aggregates) {
      RangeInput in = read(ctx, ev.grid, ms, res, a);
      if (in == null) {
        return null;
      }
      inputs.add(in);
    }
    ctx.rollupSelections.add(inputs.size());
    String applied = switch (function) {
      case "count_over_time", "avg_over_time" -> "sum_over_time";
      default -> function;
    };
    return new Plan(inputs, applied);
  }

  /** The coarsest resolution the step and the range allow, or 0 for none. */
  static long resolution(long stepMs, long rangeMs) {
    for (long res : RESOLUTIONS) {
      if (stepMs >= res && rangeMs >= MIN_WINDOWS_PER_RANGE * res) {
        return res;
      }
    }
    return 0;
  }

  private static @Nullable RangeInput read(QueryContext ctx, StepGrid grid, MatrixSelector ms, long res,
      RollupAggregate aggregate) {
    VectorSelector vs = ms.selector();
    long[] ends = Selectors.referenceTimes(ctx, grid, vs.at(), vs.offsetMs());
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (long r : ends) {
      min = Math.min(min, r);
      max = Math.max(max, r);
    }
    ctx.checkDeadline();
    Optional<List<SampleSeries>> fetched;
    try {
      fetched = ctx.reader.selectRollup(ctx.tenant, vs.matchers(), min - ms.rangeMs(), max,
          ctx.options.selectLimits(), res, aggregate);
    } catch (StorageException e) {
      throw PromqlException.execution("expanding series: " + e.getMessage());
    }
    if (fetched.isEmpty()) {
      return null;
    }
    List<RawSeries> out = new ArrayList<>(fetched.get().size());
    for (SampleSeries s : fetched.get()) {
      out.add(new RawSeries(Labels.of(s.labels()), s.timestamps(), s.values()));
    }
    return new RangeInput(out, ends, ms.rangeMs(), vs);
  }
}
