package dev.sightline.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plain manifests of deploy/kubernetes, read into the typed Kubernetes models. */
class KubernetesManifestsTest {
  static final Path DIR = Path.of("..", "deploy", "kubernetes");

  static Manifests manifests() throws IOException {
    JsonNode kustomization = new YAMLMapper().readTree(DIR.resolve("kustomization.yaml").toFile());
    List<Path> files = Workloads.strings(kustomization.path("resources")).stream().map(DIR::resolve).toList();
    return Manifests.read(files);
  }

  @Test
  void kustomizationListsEveryManifestOnce() throws IOException {
    JsonNode kustomization = new YAMLMapper().readTree(DIR.resolve("kustomization.yaml").toFile());
    List<String> listed = Workloads.strings(kustomization.path("resources"));
    try (Stream<Path> files = Files.list(DIR)) {
      List<String> present = files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml")).toList();
      assertThat(listed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(present);
    }
  }

  @Test
  void everyDocumentIsATypedObjectWithOnlySchemaFields() throws IOException {
    Manifests m = manifests();
    assertThat(m.all()).extracting(o -> o.getKind()).contains("Namespace", "ConfigMap", "Secret",
        "Deployment", "HorizontalPodAutoscaler", "Service", "PodDisruptionBudget", "ServiceMonitor");
    assertThat(m.all()).allSatisfy(o -> assertThat(o.getMetadata().getNamespace() == null
        ? o.getMetadata().getName() : o.getMetadata().getNamespace()).isEqualTo("sightline"));
  }

  @Test
  void aMisspeltFieldOrAnUnknownKindIsRejected() {
    String misspelt = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: x}
        spec:
          template:
            spec:
              containers:
                - name: x
                  readinesProbe: {httpGet: {path: /ready, port: 8080}}
        """;
    assertThatThrownBy(() -> Manifests.parse(misspelt, "inline"))
        .hasMessageContaining("spec.template.spec.containers[0].readinesProbe");
    assertThatThrownBy(() -> Manifests.parse("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n", "inline"))
        .hasMessageContaining("has no typed model");
  }

  @Test
  void deploymentsFollowTheRules() throws IOException {
    Workloads.check(manifests());
  }

  @Test
  void oneDeploymentPerScaledOutRoleAndAnAutoscaledIngest() throws IOException {
    Manifests m = manifests();
    assertThat(m.of(Deployment.class)).extracting(Workloads::role)
        .containsExactlyInAnyOrder("ingest", "worker", "query");
    HorizontalPodAutoscaler hpa = m.of(HorizontalPodAutoscaler.class).getFirst();
    assertThat(m.of(HorizontalPodAutoscaler.class)).hasSize(1);
    Deployment ingest = m.named(Deployment.class, hpa.getSpec().getScaleTargetRef().getName());
    assertThat(Workloads.role(ingest)).isEqualTo("ingest");
    assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
    assertThat(hpa.getSpec().getScaleTargetRef().getApiVersion()).isEqualTo("apps/v1");
    assertThat(hpa.getSpec().getMetrics()).anySatisfy(metric ->
        assertThat(metric.getResource().getName()).isEqualTo("cpu"));
    // kubectl apply would otherwise reset what the autoscaler chose
    assertThat(ingest.getSpec().getReplicas()).isNull();
  }

  @Test
  void theConfigurationSelectsKafkaClickHouseAndPostgresqlWithDocumentedKeys() throws IOException {
    Manifests m = manifests();
    ConfigMap config = m.named(ConfigMap.class, "sightline-config");
    Workloads.checkConfig(config.getData().get("sightline.yaml"));
    Secret secret = m.named(Secret.class, "sightline-secrets");
    assertThat(secret.getStringData()).containsOnlyKeys("clickhouse-password", "metadata-postgresql-password",
        "auth-admin-key");
  }

  @Test
  void servicesAndTheServiceMonitorReachTheContainerPorts() throws IOException {
    Manifests m = manifests();
    assertThat(m.of(Service.class)).extracting(Workloads::role)
        .containsExactlyInAnyOrder("ingest", "worker", "query");
    Service ingest = m.named(Service.class, "sightline-ingest");
    assertThat(ingest.getSpec().getPorts()).extracting(ServicePort::getPort).contains(4317, 4318);
    Service query = m.named(Service.class, "sightline-query");
    assertThat(query.getSpec().getPorts()).extracting(ServicePort::getPort).contains(8080);
    Workloads.checkServices(m);
    ServiceMonitor monitor = m.of(ServiceMonitor.class).getFirst();
    assertThat(monitor.getSpec().getEndpoints()).singleElement().satisfies(e -> {
      assertThat(e.getPath()).isEqualTo("/metrics");
      for (Service service : m.of(Service.class)) {
        assertThat(Workloads.selects(monitor.getSpec().getSelector().getMatchLabels(), service.getMetadata().getLabels()))
            .as("ServiceMonitor selects %s", service.getMetadata().getName()).isTrue();
        ServicePort port = service.getSpec().getPorts().stream().filter(p -> e.getPort().equals(p.getName()))
            .findFirst().orElseThrow(() -> new AssertionError(service.getMetadata().getName() + " has no port " + e.getPort()));
        Deployment target = Workloads.selected(m, service);
        assertThat(Workloads.containerPort(Workloads.container(target), port.getTargetPort())).isEqualTo(8080);
      }
    });
  }

  @Test
  void everyDeploymentHasItsOwnDisruptionBudget() throws IOException {
    Manifests m = manifests();
    for (Deployment d : m.of(Deployment.class)) {
      List<PodDisruptionBudget> budgets = m.of(PodDisruptionBudget.class).stream()
          .filter(p -> Workloads.selects(p.getSpec().getSelector().getMatchLabels(),
              d.getSpec().getTemplate().getMetadata().getLabels())).toList();
      assertThat(budgets).as("budgets of %s", d.getMetadata().getName()).hasSize(1);
      PodDisruptionBudget budget = budgets.getFirst();
      assertThat(budget.getSpec().getMaxUnavailable() != null || budget.getSpec().getMinAvailable() != null).isTrue();
    }
    assertThat(m.of(PodDisruptionBudget.class)).hasSameSizeAs(m.of(Deployment.class));
  }

  @Test
  void eachDeploymentLoadsWithTheServersConfigurationLoaderInItsRole(@TempDir Path scratch) throws IOException {
    ServerConfigOfDeployments.check(manifests(), scratch);
  }
}
