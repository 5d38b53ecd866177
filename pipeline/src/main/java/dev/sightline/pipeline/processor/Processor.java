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
 * the processor's id as the reason.
 */
public interface Processor extends Component {

  /** The id from the configuration, e.g. {@code attributes/strip}; names its counters. */
  String id();

  /** Whether this processor handles data of {@code signal}. */
  boolean handles(Signal signal);

  /** The entry's data after this step, or empty when nothing of it is kept. */
  Optional<WriteBatch.SignalData> process(WriteBatch.Entry entry);

  /**
   * Data this processor makes itself from what it saw since the last call, stored with the batch
   * (span metrics, for example). Called once per batch, after every entry was processed.
   */
  default List<WriteBatch.Entry> endOfBatch(long position) {
    return List.of();
  }

  @Override
  default void start() {}

  @Override
  default void shutdown(Duration timeout) {}
}
