package dev.sightline.pipeline.processor;

import dev.sightline.pipeline.Component;
import dev.sightline.pipeline.Signal;
import dev.sightline.storage.WriteBatch;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One step of a signal's pipeline. It sees the data of each ingest-log entry in log order and
 * returns what goes on: changed, thinned, or nothing. Items it removes are counted as dropped with
 * the processor's id as the reason, unless it {@link #holdsItems() holds items} and accounts for
 * them itself.
 *
 * <p>After a restart, entries the store already has are read again when a processor still needed
 * them ({@link #oldestNeeded()}); they come with {@code stored} set, so that a processor rebuilds
 * its state from them without counting or emitting them a second time.
 */
public interface Processor extends Component {

  /** The id from the configuration, e.g. {@code attributes/strip}; names its counters. */
  String id();

  /** Whether this processor handles data of {@code signal}. */
  boolean handles(Signal signal);

  /** The entry's data after this step, or empty when nothing of it goes on now. */
  Optional<WriteBatch.SignalData> process(WriteBatch.Entry entry, boolean stored);

  /**
   * Data this processor releases or makes at the end of a batch that ends at {@code position}:
   * span metrics, or the spans of traces a tail sampler decided to keep.
   */
  default List<WriteBatch.Entry> endOfBatch(long position) {
    return List.of();
  }

  /** True when {@link #endOfBatch} makes new items (span metrics) rather than releasing held ones. */
  default boolean makesItems() {
    return true;
  }

  /** True when this processor keeps items back to release later, and counts its own drops. */
  default boolean holdsItems() {
    return false;
  }

  /** The oldest ingest-log sequence whose data this processor still holds; MAX_VALUE for none. */
  default long oldestNeeded() {
    return Long.MAX_VALUE;
  }

  /** True when the processor has work due (a decision wait over) even if no data arrives. */
  default boolean hasDueWork() {
    return false;
  }

  /** Called once before the first entry, with the store's checkpoint. */
  default void recover(long storedUpTo) {}

  @Override
  default void start() {}

  @Override
  default void shutdown(Duration timeout) {}
}
