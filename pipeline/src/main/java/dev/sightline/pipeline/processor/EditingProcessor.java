package dev.sightline.pipeline.processor;

import dev.sightline.pipeline.Signal;
import dev.sightline.storage.WriteBatch;
import java.util.Optional;

/** A processor that only changes attributes (and log bodies), never which items there are. */
abstract class EditingProcessor implements Processor, AttributeEdit {
  private final String id;

  EditingProcessor(String id) {
    this.id = id;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public boolean handles(Signal signal) {
    return true;
  }

  /** The edit for one entry; this processor itself unless the edit depends on the entry. */
  AttributeEdit editFor(WriteBatch.Entry entry) {
    return this;
  }

  @Override
  public Optional<WriteBatch.SignalData> process(WriteBatch.Entry entry, boolean stored) {
    AttributeEdit edit = editFor(entry);
    return Optional.of(switch (entry.data()) {
      case WriteBatch.Traces t -> new WriteBatch.Traces(OtlpEditor.traces(t.resourceSpans(), edit));
      case WriteBatch.Logs l -> new WriteBatch.Logs(OtlpEditor.logs(l.resourceLogs(), edit));
      case WriteBatch.Metrics m -> new WriteBatch.Metrics(OtlpEditor.metrics(m.resourceMetrics(), edit));
    });
  }
}
