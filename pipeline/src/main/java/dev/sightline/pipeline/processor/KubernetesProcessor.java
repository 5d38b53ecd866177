package dev.sightline.pipeline.processor;

import dev.sightline.pipeline.SelfMetrics;
import dev.sightline.storage.WriteBatch;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds a pod's Kubernetes and host attributes to resources that name the pod (type
 * {@code k8s_attributes}) by {@code k8s.pod.uid} or {@code k8s.pod.ip}, or whose sender's address
 * is a pod's IP (an SDK or agent sending straight from its pod): pod and namespace name,
 * node and host name, the owning deployment, stateful set, daemon set or job, and the pod's labels
 * as {@code k8s.pod.label.<key>}. Attributes the data already has are left alone. The pod list is
 * the file {@code kubectl get pods -A -o json} writes, read again when it changes, so a sidecar or
 * a cron job can keep it current without giving Sightline access to the Kubernetes API.
 *
 * <pre>
 * k8s_attributes:
 *   pods_file: /var/run/sightline/pods.json
 *   reload_every: 10s
 * </pre>
 */
final class KubernetesProcessor extends EditingProcessor {
  private static final Logger log = LoggerFactory.getLogger(KubernetesProcessor.class);
  private final Path file;
  private final Duration reloadEvery;
  private final Clock clock;
  private final SelfMetrics metrics;
  private PodDirectory pods;
  private long nextCheck;

  private KubernetesProcessor(String id, Path file, Duration reloadEvery, PodDirectory pods, ProcessorContext context) {
    super(id);
    this.file = file;
    this.reloadEvery = reloadEvery;
    this.pods = pods;
    this.clock = context.clock();
    this.metrics = context.metrics();
    metrics.gauge("sightline_k8s_pods_known", "Pods in the pod list.", () -> this.pods.size(), "processor", id);
  }

  static KubernetesProcessor create(String id, Settings s, ProcessorContext context) {
    s.allowOnly("pods_file", "reload_every");
    Path file = Path.of(s.string("pods_file"));
    if (!Files.exists(file)) {
      throw s.fail("pods_file", "file " + file + " does not exist");
    }
    try {
      return new KubernetesProcessor(id, file, s.duration("reload_every", Duration.ofSeconds(10)), PodDirectory.read(file), context);
    } catch (IOException | RuntimeException e) {
      throw s.fail("pods_file", "file " + file + " is not a pod list: " + e.getMessage());
    }
  }

  @Override
  AttributeEdit editFor(WriteBatch.Entry entry) {
    return entry.peer().isEmpty() ? this : (site, service, attributes) -> enrich(site, attributes, entry.peer());
  }

  @Override
  public List<KeyValue> attributes(AttributeSite site, String service, List<KeyValue> attributes) {
    return enrich(site, attributes, "");
  }

  /**
   * The resource with its pod's attributes, the pod found by {@code k8s.pod.uid}, else
   * {@code k8s.pod.ip}, else the address of the client that sent the data.
   */
  private List<KeyValue> enrich(AttributeSite site, List<KeyValue> attributes, String peer) {
    if (site != AttributeSite.RESOURCE) {
      return attributes;
    }
    reloadIfChanged();
    List<KeyValue> pod = List.of();
    for (KeyValue kv : attributes) {
      if (kv.getKey().equals("k8s.pod.uid")) {
        pod = pods.byUid(kv.getValue().getStringValue());
        break;
      }
      if (kv.getKey().equals("k8s.pod.ip") && pod.isEmpty()) {
        pod = pods.byIp(kv.getValue().getStringValue());
      }
    }
    if (pod.isEmpty() && !peer.isEmpty() && AttributeAction.indexOf(attributes, "k8s.pod.uid") < 0) {
      pod = pods.byIp(peer);
    }
    if (pod.isEmpty()) {
      return attributes;
    }
    List<KeyValue> out = null;
    for (KeyValue add : pod) {
      if (AttributeAction.indexOf(attributes, add.getKey()) < 0) {
        out = out == null ? new ArrayList<>(attributes) : out;
        out.add(add);
      }
    }
    return out == null ? attributes : out;
  }

  private void reloadIfChanged() {
    long now = clock.millis();
    if (now < nextCheck) {
      return;
    }
    nextCheck = now + reloadEvery.toMillis();
    try {
      if (!Files.getLastModifiedTime(file).equals(pods.modified)) {
        pods = PodDirectory.read(file);
        log.info("pod list {} reloaded: {} pods", file, pods.size());
      }
    } catch (IOException | RuntimeException e) {
      metrics.counter("sightline_k8s_pod_list_errors_total", "Pod list reloads that failed; the last good list stays.", "processor", id()).increment();
      log.warn("pod list {} cannot be read, keeping the last one: {}", file, e.getMessage());
    }
  }
}
