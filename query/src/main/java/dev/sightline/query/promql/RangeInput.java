package dev.sightline.query.promql;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A range vector argument ready for windowing: its raw series and, per step of the grid, the end
 * of the window (the step time, or the {@code @} time, minus the offset). Windows are closed,
 * {@code [end - range, end]}, as in Prometheus 2.x.
 */
record RangeInput(List<RawSeries> series, long[] windowEnds, long rangeMs, @Nullable VectorSelector selector) {}
