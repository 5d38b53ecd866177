package dev.sightline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What every Sightline workload must get right, whether it comes from the plain manifests or the
 * Helm chart: the role, the probes, the ports, the security context and the configuration keys.
 */
final class Workloads {
  /** {@code NodeRole} of the server module, lower-cased as {@code node.role} takes them. */
  static final Set<String> ROLES = Set.of("all", "ingest", "worker", "query");
  static final String COMPONENT = "app.kubernetes.io/component";
  /** Environment variables the server reads that are not {@code SIGHTLINE_<KEY>} settings. */
  static final Set<String> NOT_SETTINGS = Set.of("SIGHTLINE_CONFIG", "SIGHTLINE_MASTER_KEY", "SIGHTLINE_JAVA_OPTS");
  static final Path CONFIGURATION_DOC = Path.of("..", "docs", "configuration.md");

  private Workloads() {}

  static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  static String role(HasMetadata object) {
    String role = object.getMetadata().getLabels().get(COMPONENT);
    assertThat(role).as("%s label of %s", COMPONENT, object.getMetadata().getName()).isIn(ROLES);
    return role;
  }

  static Container container(Deployment d) {
    List<Container> containers = d.getSpec().getTemplate().getSpec().getContainers();
    assertThat(containers).as("containers of %s", d.getMetadata().getName()).hasSize(1);
    return containers.getFirst();
  }

  /** The container port a probe or Service names, by number or by name; -1 when there is none. */
  static int containerPort(Container c, IntOrString port) {
    if (port.getIntVal() != null) {
      return c.getPorts().stream().anyMatch(p -> p.getContainerPort().equals(port.getIntVal())) ? port.getIntVal() : -1;
    }
    return c.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName()))
        .mapToInt(ContainerPort::getContainerPort).findFirst().orElse(-1);
  }

  static boolean selects(Map<String, String> selector, Map<String, String> labels) {
    return selector != null && !selector.isEmpty() && labels != null
        && selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }

  static Deployment selected(Manifests m, Service service) {
    List<Deployment> targets = m.of(Deployment.class).stream()
        .filter(d -> selects(service.getSpec().getSelector(), d.getSpec().getTemplate().getMetadata().getLabels()))
        .toList();
    assertThat(targets).as("Deployments selected by Service %s", service.getMetadata().getName()).hasSize(1);
    return targets.getFirst();
  }

  static void check(Manifests m) {
    assertThat(m.of(Deployment.class)).isNotEmpty();
    for (Deployment d : m.of(Deployment.class)) {
      String name = d.getMetadata().getName();
      String role = role(d);
      assertThat(selects(d.getSpec().getSelector().getMatchLabels(), d.getSpec().getTemplate().getMetadata().getLabels()))
          .as("%s selects its own pods", name).isTrue();
      assertThat(d.getSpec().getTemplate().getMetadata().getLabels()).containsEntry(COMPONENT, role);
      Container c = container(d);
      assertThat(env(c, "SIGHTLINE_NODE_ROLE")).as("node.role of %s", name).isEqualTo(role);
      HTTPGetAction ready = c.getReadinessProbe().getHttpGet();
      HTTPGetAction live = c.getLivenessProbe().getHttpGet();
      assertThat(ready.getPath()).as("readiness of %s", name).isEqualTo("/ready");
      assertThat(live.getPath()).as("liveness of %s", name).isEqualTo("/health");
      assertThat(containerPort(c, ready.getPort())).as("readiness port of %s", name).isEqualTo(8080);
      assertThat(containerPort(c, live.getPort())).as("liveness port of %s", name).isEqualTo(8080);
      if (c.getStartupProbe() != null) {
        assertThat(c.getStartupProbe().getHttpGet().getPath()).isEqualTo("/health");
      }
      if (role.equals("ingest") || role.equals("all")) {
        assertThat(c.getPorts()).extracting(ContainerPort::getContainerPort).contains(4317, 4318, 8080);
      }
      assertThat(c.getResources().getRequests()).as("requests of %s", name).containsKeys("cpu", "memory");
      assertThat(c.getResources().getLimits()).as("limits of %s", name).containsKeys("cpu", "memory");
      PodSpec pod = d.getSpec().getTemplate().getSpec();
      assertThat(pod.getSecurityContext().getRunAsNonRoot()).as("runAsNonRoot of %s", name).isTrue();
      assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).as("read-only root of %s", name).isTrue();
      assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
      checkEnvAndVolumes(m, name, c, pod);
    }
  }

  private static void checkEnvAndVolumes(Manifests m, String name, Container c, PodSpec pod) {
    String doc = read(CONFIGURATION_DOC);
    for (EnvVar e : c.getEnv()) {
      if (e.getName().startsWith("SIGHTLINE_") && !NOT_SETTINGS.contains(e.getName())) {
        String key = e.getName().substring("SIGHTLINE_".length()).toLowerCase(Locale.ROOT).replace('_', '.');
        assertThat(doc).as("%s of %s is the documented key %s", e.getName(), name, key).contains("`" + key + "`");
      }
      if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
        var ref = e.getValueFrom().getSecretKeyRef();
        Secret secret = m.named(Secret.class, ref.getName());
        assertThat(secret.getStringData()).as("%s of %s", e.getName(), name).containsKey(ref.getKey());
      }
    }
    assertThat(c.getEnv()).extracting(EnvVar::getName).contains("SIGHTLINE_CONFIG");
    String dataDir = config(m).path("data.dir").asText();
    assertThat(c.getVolumeMounts()).as("a writable data.dir in %s", name)
        .anySatisfy(v -> assertThat(v.getMountPath()).isEqualTo(dataDir))
        .anySatisfy(v -> assertThat(v.getMountPath()).isEqualTo("/tmp"));
    for (var mount : c.getVolumeMounts()) {
      Volume v = pod.getVolumes().stream().filter(x -> x.getName().equals(mount.getName())).findFirst()
          .orElseThrow(() -> new AssertionError(name + " mounts a volume it does not declare: " + mount.getName()));
      if (v.getConfigMap() != null) {
        m.named(io.fabric8.kubernetes.api.model.ConfigMap.class, v.getConfigMap().getName());
        String file = env(c, "SIGHTLINE_CONFIG");
        assertThat(file).as("SIGHTLINE_CONFIG of %s", name)
            .isEqualTo(mount.getMountPath() + "/" + "sightline.yaml");
      }
    }
  }

  static JsonNode config(Manifests m) {
    return yaml(m.named(io.fabric8.kubernetes.api.model.ConfigMap.class, "sightline-config").getData().get("sightline.yaml"));
  }

  /** The scaled-out settings, each a key docs/configuration.md documents. */
  static void checkConfig(String sightlineYaml) {
    JsonNode config = yaml(sightlineYaml);
    assertThat(config.path("ingest.log").asText()).isEqualTo("kafka");
    assertThat(config.path("storage.engine").asText()).isEqualTo("clickhouse");
    assertThat(config.path("kafka.bootstrap.servers").asText()).isNotBlank();
    assertThat(config.path("clickhouse.url").asText()).startsWith("http");
    assertThat(config.path("metadata.store").asText()).as("every pod shares one metadata store").isEqualTo("postgresql");
    assertThat(config.path("metadata.postgresql.url").asText()).startsWith("jdbc:postgresql://");
    assertThat(config.has("node.role")).as("node.role comes from each Deployment").isFalse();
    String doc = read(CONFIGURATION_DOC);
    config.fieldNames().forEachRemaining(key ->
        assertThat(doc).as("sightline.yaml key %s is documented", key).contains("`" + key + "`"));
  }

  static void checkServices(Manifests m) {
    for (Service service : m.of(Service.class)) {
      Deployment target = selected(m, service);
      assertThat(role(service)).isEqualTo(role(target));
      for (ServicePort port : service.getSpec().getPorts()) {
        int containerPort = containerPort(container(target), port.getTargetPort());
        assertThat(containerPort).as("Service %s port %s reaches a container port", service.getMetadata().getName(),
            port.getName()).isEqualTo(port.getPort());
      }
    }
  }

  private static String env(Container c, String name) {
    return c.getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue).findFirst()
        .orElseThrow(() -> new AssertionError("container " + c.getName() + " has no " + name));
  }

  private static JsonNode yaml(String text) {
    try {
      return new YAMLMapper().readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
