package dev.sightline.pipeline.processor;

import dev.sightline.pipeline.Component;
import dev.sightline.pipeline.LossAccounting;
import dev.sightline.pipeline.SelfMetrics;
import dev.sightline.pipeline.Signal;
import dev.sightline.storage.StoredDataRewriter;
import dev.sightline.storage.TimeRange;
import dev.sightline.storage.WriteBatch;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
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
  private long storedUpTo;

  /**
   * A processed batch, the entries in it that processors made rather than received, and whether
   * it holds anything to write: a batch of entries the store already has only rebuilds state.
   */
  public record Processed(WriteBatch batch, Set<WriteBatch.Entry> generated, boolean toWrite) {}

  private final Map<String, Processor> declared;

  public Pipelines(PipelineSpec.Built built, LossAccounting loss, SelfMetrics metrics) {
    this.chains = Map.copyOf(built.chains());
    built.chains().values().forEach(processors::addAll);
    this.declared = Map.copyOf(built.declared());
    this.loss = loss;
    this.metrics = metrics;
  }

  public static Pipelines none(LossAccounting loss, SelfMetrics metrics) {
    return new Pipelines(new PipelineSpec.Built(Map.of(), Map.of()), loss, metrics);
  }

  /**
   * Runs declared processors that change attributes (attributes, resource, classify,
   * k8s_attributes) over stored spans or log records: the batch mode, for example to apply a new
   * masking rule to data stored before it existed.
   */
  public StoredDataRewriter.Report rerun(StoredDataRewriter rewriter, Signal signal, List<String> ids, String tenant,
      TimeRange range, int limit, boolean dryRun) {
    List<EditingProcessor> edits = new ArrayList<>();
    for (String id : ids) {
      Processor p = declared.get(id);
      if (p == null) {
        throw new IllegalArgumentException("processors: '" + id + "' is not declared under processors: (declared: "
            + String.join(", ", declared.keySet()) + ")");
      }
      if (!(p instanceof EditingProcessor e)) {
        throw new IllegalArgumentException("processors: '" + id + "' cannot re-run over stored data; "
            + "only attributes, resource, classify and k8s_attributes processors can");
      }
      edits.add(e);
    }
    if (edits.isEmpty()) {
      throw new IllegalArgumentException("processors: name at least one processor to re-run");
    }
    return switch (signal) {
      case TRACES -> rewriter.rewriteSpans(tenant, range, limit, dryRun, rs -> {
        List<ResourceSpans> data = List.of(rs);
        for (EditingProcessor e : edits) {
          data = OtlpEditor.traces(data, e);
        }
        return data.get(0);
      });
      case LOGS -> rewriter.rewriteLogs(tenant, range, limit, dryRun, rl -> {
        List<ResourceLogs> data = List.of(rl);
        for (EditingProcessor e : edits) {
          data = OtlpEditor.logs(data, e);
        }
        return data.get(0);
      });
      case METRICS -> throw new IllegalArgumentException("signal: re-running over stored metrics is not supported; use traces or logs");
    };
  }

  public List<Processor> chain(Signal signal) {
    return chains.getOrDefault(signal, List.of());
  }

  /** The current rates of adaptive sampling policies. */
  public List<SamplingRates.OperationRate> samplingRates() {
    return processors.stream().filter(SamplingRates.class::isInstance)
        .flatMap(p -> ((SamplingRates) p).samplingRates().stream()).toList();
  }

  /**
   * The share of traces the traces pipeline keeps by head sampling: the smallest probability of its
   * probabilistic samplers (they are consistent, so in series the strictest decides), 1 when it has none.
   */
  public double headSamplingProbability() {
    double p = 1;
    for (Processor processor : chain(Signal.TRACES)) {
      if (processor instanceof ProbabilisticSampler sampler) {
        p = Math.min(p, sampler.probability());
      }
    }
    return p;
  }

  /** The classifiers of the processors that classify values, in configuration order. */
  public List<dev.sightline.security.Classifier> classifiers() {
    return processors.stream().filter(ClassifiesValues.class::isInstance).map(p -> ((ClassifiesValues) p).classifier()).toList();
  }

  /** The processors that encrypt fields, which can also decrypt them. */
  public List<FieldDecryption> decryptions() {
    return processors.stream().filter(FieldDecryption.class::isInstance).map(FieldDecryption.class::cast).toList();
  }

  @Override
  public void start() {
    processors.forEach(Processor::start);
  }

  /** Tells processors where the store stands before the first entry is read. */
  public void recover(long checkpoint) {
    storedUpTo = checkpoint;
    processors.forEach(p -> p.recover(checkpoint));
  }

  /** The oldest log sequence any processor still holds data of; MAX_VALUE for none. */
  public long oldestNeeded() {
    long oldest = Long.MAX_VALUE;
    for (Processor p : processors) {
      oldest = Math.min(oldest, p.oldestNeeded());
    }
    return oldest;
  }

  public boolean hasDueWork() {
    for (Processor p : processors) {
      if (p.hasDueWork()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void shutdown(Duration timeout) {
    processors.forEach(p -> p.shutdown(timeout));
  }

  public Processed apply(List<WriteBatch.Entry> entries, long position) {
    boolean toWrite = position > storedUpTo;
    if (processors.isEmpty()) {
      return new Processed(new WriteBatch(entries, position), Set.of(), toWrite);
    }
    List<WriteBatch.Entry> out = new ArrayList<>(entries.size() + 1);
    for (WriteBatch.Entry e : entries) {
      boolean stored = e.sequence() <= storedUpTo;
      process(e, stored).filter(x -> !stored).ifPresent(out::add);
    }
    Set<WriteBatch.Entry> generated = Collections.newSetFromMap(new IdentityHashMap<>());
    if (toWrite) {
      for (Processor p : processors) {
        for (WriteBatch.Entry g : p.endOfBatch(position)) {
          out.add(g);
          if (p.makesItems()) {
            generated.add(g);
            metrics.counter("sightline_processor_items_generated_total", "Items processors made themselves, e.g. span metrics points.",
                "processor", p.id(), "signal", signalOf(g.data()).label()).add(count(g.data()));
          }
        }
      }
    }
    out.sort(Comparator.comparingLong(WriteBatch.Entry::sequence));
    List<WriteBatch.Entry> merged = merge(out, generated);
    long replayFrom = Math.min(position + 1, oldestNeeded());
    return new Processed(new WriteBatch(merged, position, Math.max(1, replayFrom)), generated, toWrite);
  }

  /**
   * Joins entries of one signal, tenant and origin (received or made) at one sequence, which
   * happens when a processor releases held spans at the position of a batch whose last entry
   * also carries spans. Entries of other tenants, or made beside received ones (span metrics at
   * the position of a batch ending in received metrics), stay apart: they share the sequence.
   */
  private static List<WriteBatch.Entry> merge(List<WriteBatch.Entry> sorted, Set<WriteBatch.Entry> generated) {
    List<WriteBatch.Entry> out = new ArrayList<>(sorted.size());
    for (WriteBatch.Entry e : sorted) {
      int same = -1;
      for (int i = out.size() - 1; i >= 0 && out.get(i).sequence() == e.sequence(); i--) {
        WriteBatch.Entry o = out.get(i);
        if (o.data().getClass() == e.data().getClass() && (o.data() instanceof WriteBatch.Logs
            || o.tenant().equals(e.tenant()) && generated.contains(o) == generated.contains(e))) {
          same = i;
        }
      }
      if (same < 0) {
        out.add(e);
        continue;
      }
      WriteBatch.Entry before = out.get(same);
      if (count(before.data()) == 0 || count(e.data()) == 0) {
        out.set(same, count(e.data()) == 0 ? before : e); // a tick entry, or an entry that was emptied
        continue;
      }
      if (!before.tenant().equals(e.tenant()) || generated.contains(before) != generated.contains(e)) {
        // Log ids derive from the sequence: two log entries there cannot both be stored.
        throw new IllegalStateException("log entries of tenants " + before.tenant() + " and " + e.tenant()
            + " (received and made) at one sequence " + e.sequence());
      }
      WriteBatch.Entry joined = new WriteBatch.Entry(e.sequence(), e.tenant(), join(before.data(), e.data()));
      if (generated.contains(before)) {
        generated.add(joined);
      }
      out.set(same, joined);
    }
    return out;
  }

  private static WriteBatch.SignalData join(WriteBatch.SignalData a, WriteBatch.SignalData b) {
    return switch (a) {
      case WriteBatch.Traces t -> new WriteBatch.Traces(concat(t.resourceSpans(), ((WriteBatch.Traces) b).resourceSpans()));
      case WriteBatch.Metrics m -> new WriteBatch.Metrics(concat(m.resourceMetrics(), ((WriteBatch.Metrics) b).resourceMetrics()));
      case WriteBatch.Logs l -> new WriteBatch.Logs(concat(l.resourceLogs(), ((WriteBatch.Logs) b).resourceLogs()));
    };
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> out = new ArrayList<>(a.size() + b.size());
    out.addAll(a);
    out.addAll(b);
    return out;
  }

  private Optional<WriteBatch.Entry> process(WriteBatch.Entry entry, boolean stored) {
    Signal signal = signalOf(entry.data());
    WriteBatch.SignalData data = entry.data();
    for (Processor p : chain(signal)) {
      long in = count(data);
      Optional<WriteBatch.SignalData> result;
      try {
        result = p.process(new WriteBatch.Entry(entry.sequence(), entry.tenant(), data, entry.peer()), stored);
      } catch (RuntimeException ex) {
        log.error("processor {} failed on ingest-log entry {}; its {} {} are dropped", p.id(), entry.sequence(),
            in, signal.items(), ex);
        if (!stored) {
          loss.dropped(signal, entry.tenant(), "processor_failed", in);
        }
        return Optional.empty();
      }
      long kept = result.map(Pipelines::count).orElse(0L);
      if (stored) {
        if (result.isEmpty()) {
          return Optional.empty();
        }
        data = result.get();
        continue;
      }
      metrics.counter("sightline_processor_items_total", "Items into and out of each processor.",
          "processor", p.id(), "signal", signal.label(), "direction", "in").add(in);
      metrics.counter("sightline_processor_items_total", "Items into and out of each processor.",
          "processor", p.id(), "signal", signal.label(), "direction", "out").add(kept);
      if (kept < in && !p.holdsItems()) {
        loss.dropped(signal, entry.tenant(), p.id(), in - kept);
      }
      if (result.isEmpty()) {
        return Optional.empty();
      }
      data = result.get();
    }
    return Optional.of(data == entry.data() ? entry : new WriteBatch.Entry(entry.sequence(), entry.tenant(), data, entry.peer()));
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
