package dev.sightline.pipeline.processor;

import dev.sightline.pipeline.Signal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The {@code processors:} and {@code pipelines:} sections of the configuration, checked and turned
 * into processor chains per signal. A processor id is its type, optionally followed by
 * {@code /name} to have several of one type, as in the OpenTelemetry Collector.
 *
 * <pre>
 * processors:
 *   resource: {attributes: {deployment.environment.name: production}}
 *   attributes/strip: {actions: [{action: delete, key: http.request.header.cookie}]}
 *   classify: {}
 *   spanmetrics: {}
 *   tail_sampling: {policies: [{type: status_code}, {type: probabilistic, percentage: 10}]}
 * pipelines:
 *   traces: [resource, attributes/strip, classify, spanmetrics, tail_sampling]
 *   logs: [resource, classify]
 *   metrics: [resource]
 * </pre>
 *
 * Without a {@code pipelines:} section, traces go through {@code classify}, {@code spanmetrics}
 * and {@code servicegraph}, logs through {@code classify}, with their default settings.
 */
public final class PipelineSpec {
  interface Factory {
    Processor create(String id, Settings settings, ProcessorContext context);
  }

  private static final Map<String, Factory> TYPES = new LinkedHashMap<>();

  static {
    TYPES.put("resource", (id, s, c) -> ResourceProcessor.create(id, s));
    TYPES.put("attributes", (id, s, c) -> AttributesProcessor.create(id, s));
    TYPES.put("classify", ClassificationProcessor::create);
    TYPES.put("probabilistic_sampler", (id, s, c) -> ProbabilisticSampler.create(id, s));
    TYPES.put("spanmetrics", (id, s, c) -> SpanMetricsProcessor.create(id, s));
    TYPES.put("tail_sampling", TailSamplingProcessor::create);
    TYPES.put("servicegraph", ServiceGraphProcessor::create);
    TYPES.put("schema", SchemaProcessor::create);
    TYPES.put("k8s_attributes", KubernetesProcessor::create);
  }

  private PipelineSpec() {}

  /** The processor chains and every declared processor by id. */
  public record Built(Map<Signal, List<Processor>> chains, Map<String, Processor> declared) {}

  /** The processor chains; every configuration problem stops here with the setting's path. */
  public static Built build(Map<String, ?> processors, Map<String, ?> pipelines,
      ProcessorContext context) {
    Map<String, Object> declared = new LinkedHashMap<>(processors);
    Map<String, Object> chains = new LinkedHashMap<>(pipelines);
    if (chains.isEmpty()) {
      declared.putIfAbsent("classify", Map.of());
      declared.putIfAbsent("spanmetrics", Map.of());
      declared.putIfAbsent("servicegraph", Map.of());
      chains.put("traces", List.of("classify", "spanmetrics", "servicegraph"));
      chains.put("logs", List.of("classify"));
    }
    Map<String, Processor> made = new LinkedHashMap<>();
    Map<Signal, List<Processor>> out = new EnumMap<>(Signal.class);
    for (Signal s : Signal.values()) {
      out.put(s, new ArrayList<>());
    }
    for (Map.Entry<String, Object> chain : chains.entrySet()) {
      Signal signal = signal(chain.getKey());
      for (String id : ids(chain.getKey(), chain.getValue())) {
        if (!declared.containsKey(id)) {
          throw new PipelineConfigException("pipelines." + chain.getKey() + ": processor '" + id
              + "' is not declared under processors:" + (declared.isEmpty() ? "" : " (declared: "
              + String.join(", ", declared.keySet()) + ")"));
        }
        Processor p = made.computeIfAbsent(id, i -> create(i, declared.get(i), context));
        if (!p.handles(signal)) {
          throw new PipelineConfigException("pipelines." + chain.getKey() + ": processor '" + id
              + "' does not handle " + signal.label());
        }
        out.get(signal).add(p);
      }
    }
    for (String id : declared.keySet()) {
      // made even when no pipeline uses it: checked at start, and there for re-runs over stored data
      made.computeIfAbsent(id, i -> create(i, declared.get(i), context));
    }
    return new Built(out, made);
  }

  private static Processor create(String id, Object settings, ProcessorContext context) {
    String type = id.contains("/") ? id.substring(0, id.indexOf('/')) : id;
    Factory factory = TYPES.get(type);
    if (factory == null) {
      throw new PipelineConfigException("processors." + id + ": unknown processor type '" + type
          + "'; known types: " + String.join(", ", TYPES.keySet()));
    }
    Map<String, Object> values = new LinkedHashMap<>();
    if (settings instanceof Map<?, ?> m) {
      m.forEach((k, v) -> values.put(String.valueOf(k), v));
    } else if (settings != null && !"".equals(settings)) {
      throw new PipelineConfigException("processors." + id + ": expected a mapping of settings");
    }
    return factory.create(id, new Settings("processors." + id, values), context);
  }

  private static Signal signal(String name) {
    for (Signal s : Signal.values()) {
      if (s.label().equals(name)) {
        return s;
      }
    }
    throw new PipelineConfigException("pipelines." + name + ": unknown signal; use traces, metrics or logs");
  }

  private static List<String> ids(String signal, Object chain) {
    Object list = chain instanceof Map<?, ?> m ? m.get("processors") : chain;
    if (list == null) {
      return List.of();
    }
    if (!(list instanceof List<?> l)) {
      throw new PipelineConfigException("pipelines." + signal + ": expected a list of processor ids");
    }
    List<String> ids = new ArrayList<>();
    for (Object o : l) {
      ids.add(String.valueOf(o));
    }
    if (new TreeSet<>(ids).size() != ids.size()) {
      throw new PipelineConfigException("pipelines." + signal + ": a processor appears twice in " + ids);
    }
    return ids;
  }
}
