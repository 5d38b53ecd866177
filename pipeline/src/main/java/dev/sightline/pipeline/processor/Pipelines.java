package dev.sightline.pipeline.processor;

import dev.sightline.pipeline.Component;
import dev.sightline.pipeline.LossAccounting;
import dev.sightline.pipeline.SelfMetrics;
import dev.sightline.pipeline.Signal;
import dev.sightline.storage.WriteBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each entry of a batch through its signal's processor chain, in log order, and adds what
 * processors make themselves at the end of the batch. Items a processor removes are counted as
 * dropped with its id as the reason. A processor that fails on an entry drops that entry's data
 * (counted as {@code processor_failed}) rather than pass it on unprotected.
 */
public final class Pipelines implements Component {
  private static final Logger log = LoggerFactory.getLogger(Pipelines.class);
  private final Map<Signal, List<Processor>> chains;
  private final Set<Processor> processors = new LinkedHashSet<>();
  private final LossAccounting loss;
  private final SelfMetrics metrics;

  /** A processed batch and the entries in it that processors made rather than received. */
  public record Processed(WriteBatch batch, Set<WriteBatch.Entry> generated) {}

  public Pipelines(Map<Signal, List<Processor>> chains, LossAccounting loss, SelfMetrics metrics) {
    this.chains = Map.copyOf(chains);
    chains.values().forEach(processors::addAll);
    this.loss = loss;
    this.metrics = metrics;
  }

  public static Pipelines none(LossAccounting loss, SelfMetrics metrics) {
    return new Pipelines(Map.of(), loss, metrics);
  }

  public List<Processor> chain(Signal signal) {
    return chains.getOrDefault(signal, List.of());
  }

  /** The processors that encrypt fields, which can also decrypt them. */
  public List<FieldDecryption> decryptions() {
    return processors.stream().filter(FieldDecryption.class::isInstance).map(FieldDecryption.class::cast).toList();
  }

  @Override
  public void start() {
    processors.forEach(Processor::start);
  }

  @Override
  public void shutdown(Duration timeout) {
    processors.forEach(p -> p.shutdown(timeout));
  }

  public Processed apply(List<WriteBatch.Entry> entries, long position) {
    if (processors.isEmpty()) {
      return new Processed(new WriteBatch(entries, position), Set.of());
    }
    List<WriteBatch.Entry> out = new ArrayList<>(entries.size() + 1);
    for (WriteBatch.Entry e : entries) {
      process(e).ifPresent(out::add);
    }
    Set<WriteBatch.Entry> generated = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Processor p : processors) {
      for (WriteBatch.Entry g : p.endOfBatch(position)) {
        out.add(g);
        generated.add(g);
        metrics.counter("sightline_processor_items_generated_total", "Items processors made themselves, e.g. span metrics points.",
            "processor", p.id(), "signal", signalOf(g.data()).label()).add(count(g.data()));
      }
    }
    out.sort(Comparator.comparingLong(WriteBatch.Entry::sequence));
    return new Processed(new WriteBatch(out, position), generated);
  }

  private Optional<WriteBatch.Entry> process(WriteBatch.Entry entry) {
    Signal signal = signalOf(entry.data());
    WriteBatch.SignalData data = entry.data();
    for (Processor p : chain(signal)) {
      long in = count(data);
      Optional<WriteBatch.SignalData> result;
      try {
        result = p.process(new WriteBatch.Entry(entry.sequence(), entry.tenant(), data));
      } catch (RuntimeException ex) {
        log.error("processor {} failed on ingest-log entry {}; its {} {} are dropped", p.id(), entry.sequence(),
            in, signal.items(), ex);
        loss.dropped(signal, entry.tenant(), "processor_failed", in);
        return Optional.empty();
      }
      long kept = result.map(Pipelines::count).orElse(0L);
      metrics.counter("sightline_processor_items_total", "Items into and out of each processor.",
          "processor", p.id(), "signal", signal.label(), "direction", "in").add(in);
      metrics.counter("sightline_processor_items_total", "Items into and out of each processor.",
          "processor", p.id(), "signal", signal.label(), "direction", "out").add(kept);
      if (kept < in) {
        loss.dropped(signal, entry.tenant(), p.id(), in - kept);
      }
      if (result.isEmpty()) {
        return Optional.empty();
      }
      data = result.get();
    }
    return Optional.of(data == entry.data() ? entry : new WriteBatch.Entry(entry.sequence(), entry.tenant(), data));
  }

  static Signal signalOf(WriteBatch.SignalData data) {
    return switch (data) {
      case WriteBatch.Traces t -> Signal.TRACES;
      case WriteBatch.Metrics m -> Signal.METRICS;
      case WriteBatch.Logs l -> Signal.LOGS;
    };
  }

  static long count(WriteBatch.SignalData data) {
    return switch (data) {
      case WriteBatch.Traces t -> dev.sightline.pipeline.Items.spans(t.resourceSpans());
      case WriteBatch.Metrics m -> dev.sightline.pipeline.Items.points(m.resourceMetrics());
      case WriteBatch.Logs l -> dev.sightline.pipeline.Items.logRecords(l.resourceLogs());
    };
  }
}
