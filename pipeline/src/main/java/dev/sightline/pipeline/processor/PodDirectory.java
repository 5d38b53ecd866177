package dev.sightline.pipeline.processor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Pods by uid and by IP, read from a pod list as {@code kubectl get pods -A -o json} prints it,
 * each with the resource attributes the OpenTelemetry semantic conventions give a pod.
 */
final class PodDirectory {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** A ReplicaSet made by a Deployment is named after it plus a hash of the pod template. */
  private static final Pattern REPLICA_SET_HASH = Pattern.compile("-[a-z0-9]{5,10}$");
  private final Map<String, List<KeyValue>> byUid;
  private final Map<String, List<KeyValue>> byIp;
  final FileTime modified;

  private PodDirectory(Map<String, List<KeyValue>> byUid, Map<String, List<KeyValue>> byIp, FileTime modified) {
    this.byUid = byUid;
    this.byIp = byIp;
    this.modified = modified;
  }

  static PodDirectory read(Path file) throws IOException {
    FileTime modified = Files.getLastModifiedTime(file);
    JsonNode root = JSON.readTree(Files.readAllBytes(file));
    if (root == null || !root.path("items").isArray()) {
      throw new IOException("expected a pod list with an items array, as kubectl get pods -A -o json prints");
    }
    Map<String, List<KeyValue>> byUid = new HashMap<>();
    Map<String, List<KeyValue>> byIp = new HashMap<>();
    for (JsonNode pod : root.path("items")) {
      JsonNode meta = pod.path("metadata");
      List<KeyValue> attrs = new ArrayList<>();
      put(attrs, "k8s.pod.uid", meta.path("uid").asText(""));
      put(attrs, "k8s.pod.name", meta.path("name").asText(""));
      put(attrs, "k8s.namespace.name", meta.path("namespace").asText(""));
      put(attrs, "k8s.node.name", pod.path("spec").path("nodeName").asText(""));
      put(attrs, "host.name", pod.path("spec").path("nodeName").asText(""));
      put(attrs, "k8s.pod.ip", pod.path("status").path("podIP").asText(""));
      for (JsonNode owner : meta.path("ownerReferences")) {
        String kind = owner.path("kind").asText("");
        String name = owner.path("name").asText("");
        switch (kind) {
          case "ReplicaSet" -> {
            put(attrs, "k8s.replicaset.name", name);
            put(attrs, "k8s.deployment.name", REPLICA_SET_HASH.matcher(name).replaceFirst(""));
          }
          case "StatefulSet" -> put(attrs, "k8s.statefulset.name", name);
          case "DaemonSet" -> put(attrs, "k8s.daemonset.name", name);
          case "Job" -> put(attrs, "k8s.job.name", name);
          default -> { }
        }
      }
      meta.path("labels").fields().forEachRemaining(l -> put(attrs, "k8s.pod.label." + l.getKey(), l.getValue().asText("")));
      String uid = meta.path("uid").asText("");
      if (!uid.isEmpty()) {
        byUid.put(uid, List.copyOf(attrs));
      }
      String ip = pod.path("status").path("podIP").asText("");
      if (!ip.isEmpty()) {
        byIp.put(ip, List.copyOf(attrs));
      }
    }
    return new PodDirectory(Map.copyOf(byUid), Map.copyOf(byIp), modified);
  }

  private static void put(List<KeyValue> attrs, String key, String value) {
    if (!value.isEmpty()) {
      attrs.add(DeltaMetrics.attr(key, value));
    }
  }

  List<KeyValue> byUid(String uid) {
    return byUid.getOrDefault(uid, List.of());
  }

  List<KeyValue> byIp(String ip) {
    return byIp.getOrDefault(ip, List.of());
  }

  int size() {
    return byUid.size();
  }
}
