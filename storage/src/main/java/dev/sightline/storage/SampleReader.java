package dev.sightline.storage;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads metrics as Prometheus series of samples, the view PromQL and the Prometheus HTTP API
 * work on. Present when the backend has {@link Capability#SAMPLES}. Time bounds are inclusive
 * milliseconds.
 */
public interface SampleReader {

  /**
   * Series whose labels satisfy every matcher and that have samples in {@code [minMs, maxMs]},
   * each with exactly its samples in that range, ordered by labels.
   *
   * @throws StorageException with a message naming the limit when more than {@code maxSeries}
   *     series or {@code maxSamples} samples would be returned
   */
  List<SampleSeries> select(String tenant, List<LabelMatcher> matchers, long minMs, long maxMs,
      SelectLimits limits);

  /**
   * Like {@link #select}, but one sample per precomputed window of {@code resolutionMs} holding
   * {@code aggregate} of the window's samples, stamped with the time of the window's last sample;
   * windows whose last sample lies in {@code [minMs, maxMs]}. Empty when the backend keeps no such
   * rollups or has not yet computed all windows of the range: then the caller reads raw samples.
   */
  default Optional<List<SampleSeries>> selectRollup(String tenant, List<LabelMatcher> matchers, long minMs,
      long maxMs, SelectLimits limits, long resolutionMs, RollupAggregate aggregate) {
    return Optional.empty();
  }

  /** Label sets of the matching series with samples in the range, without their samples. */
  List<Map<String, String>> series(String tenant, List<LabelMatcher> matchers, long minMs, long maxMs,
      int limit);

  /** Label names of the matching series (all series when {@code matchers} is empty), sorted. */
  List<String> labelNames(String tenant, List<LabelMatcher> matchers, long minMs, long maxMs);

  /** Values of one label across the matching series (all when empty), sorted. */
  List<String> labelValues(String tenant, String name, List<LabelMatcher> matchers, long minMs,
      long maxMs);

  /** How much one select may return. */
  record SelectLimits(int maxSeries, long maxSamples) {
    public static final SelectLimits NONE = new SelectLimits(Integer.MAX_VALUE, Long.MAX_VALUE);
  }
}
