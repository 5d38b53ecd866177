package dev.sightline.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Helm chart of deploy/helm/sightline, rendered with {@link ChartTemplate} (the Go-template
 * subset it uses) and read into the typed models like the plain manifests.
 */
class HelmChartTest {
  static final HelmChart CHART = new HelmChart(Path.of("..", "deploy", "helm", "sightline"));

  static Manifests render(Map<String, Object> overrides) {
    return new Manifests(Manifests.parse(CHART.render("sightline", "sightline", overrides), "rendered chart"));
  }

  @Test
  void chartAndValuesAreWhatHelmReads() {
    assertThat(CHART.chart().path("apiVersion").asText()).isEqualTo("v2");
    assertThat(CHART.chart().path("name").asText()).isEqualTo("sightline");
    assertThat(CHART.chart().path("version").asText()).matches("\\d+\\.\\d+\\.\\d+");
    assertThat(CHART.values().path("serviceMonitor").path("enabled").isBoolean()).isTrue();
  }

  @Test
  void defaultValuesRenderWorkloadsThatFollowTheRules() {
    Manifests m = render(Map.of());
    Workloads.check(m);
    Workloads.checkServices(m);
    Workloads.checkConfig(m.named(ConfigMap.class, "sightline-config").getData().get("sightline.yaml"));
    assertThat(m.of(Deployment.class)).extracting(Workloads::role).containsExactlyInAnyOrder("ingest", "worker", "query");
    HorizontalPodAutoscaler hpa = m.of(HorizontalPodAutoscaler.class).getFirst();
    assertThat(Workloads.role(m.named(Deployment.class, hpa.getSpec().getScaleTargetRef().getName()))).isEqualTo("ingest");
    for (Deployment d : m.of(Deployment.class)) {
      assertThat(m.of(PodDisruptionBudget.class)).filteredOn(p -> Workloads.selects(p.getSpec().getSelector().getMatchLabels(),
          d.getSpec().getTemplate().getMetadata().getLabels())).hasSize(1);
    }
  }

  @Test
  void defaultValuesRenderTheObjectsOfThePlainManifests() throws IOException {
    Manifests chart = render(Map.of());
    Manifests plain = KubernetesManifestsTest.manifests();
    Function<HasMetadata, String> id = o -> o.getKind() + "/" + o.getMetadata().getName();
    assertThat(chart.all()).extracting(id).containsExactlyInAnyOrderElementsOf(
        plain.all().stream().filter(o -> !(o instanceof Namespace)).map(id).toList());
    for (Deployment d : plain.of(Deployment.class)) {
      PodSpec expected = d.getSpec().getTemplate().getSpec();
      PodSpec rendered = chart.named(Deployment.class, d.getMetadata().getName()).getSpec().getTemplate().getSpec();
      assertThat(rendered).as("pod of %s", d.getMetadata().getName()).isEqualTo(expected);
      assertThat(chart.named(Deployment.class, d.getMetadata().getName()).getSpec().getReplicas())
          .isEqualTo(d.getSpec().getReplicas());
    }
    assertThat(Workloads.config(chart)).isEqualTo(Workloads.config(plain));
    assertThat(chart.of(HorizontalPodAutoscaler.class).getFirst().getSpec())
        .isEqualTo(plain.of(HorizontalPodAutoscaler.class).getFirst().getSpec());
  }

  @Test
  void valuesReachTheObjects() {
    Manifests m = render(Map.of("worker.replicas", 5, "ingest.autoscaling.maxReplicas", 20,
        "image.tag", "9.9.9", "kafka.bootstrapServers", "k1:9092",
        "extraConfig", Map.of("limits.request.bytes", "8MiB")));
    assertThat(m.named(Deployment.class, "sightline-worker").getSpec().getReplicas()).isEqualTo(5);
    assertThat(m.of(HorizontalPodAutoscaler.class).getFirst().getSpec().getMaxReplicas()).isEqualTo(20);
    assertThat(Workloads.container(m.named(Deployment.class, "sightline-query")).getImage())
        .isEqualTo("sightline/sightline-server:9.9.9");
    assertThat(Workloads.config(m).path("kafka.bootstrap.servers").asText()).isEqualTo("k1:9092");
    assertThat(Workloads.config(m).path("limits.request.bytes").asText()).isEqualTo("8MiB");
  }

  @Test
  void optionalObjectsFollowTheirSwitches() {
    Manifests m = render(Map.of("serviceMonitor.enabled", false, "secret.create", false));
    assertThat(m.of(ServiceMonitor.class)).isEmpty();
    assertThat(m.of(Secret.class)).isEmpty();
    assertThat(m.of(Deployment.class)).hasSize(3);
  }

  @Test
  void theRendererRefusesWhatItDoesNotKnow() {
    var root = JsonNodeFactory.instance.objectNode();
    root.putObject("Values").put("a", "x");
    assertThatThrownBy(() -> ChartTemplate.parse("t", "{{ .Values.b }}").render(root)).hasMessageContaining(".Values.b is not in the values");
    assertThatThrownBy(() -> ChartTemplate.parse("t", "{{ .Values.a | upper }}").render(root)).hasMessageContaining("upper");
    assertThatThrownBy(() -> ChartTemplate.parse("t", "{{ if .Values.a }}x").render(root)).hasMessageContaining("has no end");
    assertThat(ChartTemplate.parse("t", "a:\n  {{- if .Values.a }}\n  b: {{ .Values.a | quote }}\n  {{- end }}\n").render(root))
        .isEqualTo("a:\n  b: \"x\"\n");
  }

  @Test
  void eachDeploymentLoadsWithTheServersConfigurationLoaderInItsRole(@TempDir Path scratch) {
    ServerConfigOfDeployments.check(render(Map.of()), scratch);
  }
}
