package dev.sightline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sightline.server.config.ConfigLoader;
import dev.sightline.server.config.KnownSettings;
import dev.sightline.server.config.ServerConfig;
import dev.sightline.server.config.StorageSettings;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Loads each Deployment's configuration as its pod would: the ConfigMap's file at the path
 * SIGHTLINE_CONFIG names, the container's environment with Secrets and the pod name filled in,
 * through the server's own {@link ConfigLoader}, which stops on an unknown key or a bad value.
 */
final class ServerConfigOfDeployments {
  private ServerConfigOfDeployments() {}

  static void check(Manifests m, Path scratch) {
    for (Deployment d : m.of(Deployment.class)) {
      String role = Workloads.role(d);
      ServerConfig config = load(m, d, scratch);
      assertThat(config.storage().clickhouse().writer()).as("clickhouse.writer of %s: its pod name", d.getMetadata().getName())
          .startsWith(d.getMetadata().getName() + "-");
      assertThat(config.scaleOut().role().name().toLowerCase(Locale.ROOT)).as("node.role of %s", d.getMetadata().getName())
          .isEqualTo(role);
      assertThat(config.scaleOut().kafka()).as("the Kafka ingest log of %s", d.getMetadata().getName()).isNotNull();
      assertThat(config.storage().engine()).isEqualTo(StorageSettings.Engine.CLICKHOUSE);
      assertThat(config.storage().clickhouse().password()).as("ClickHouse password from the Secret")
          .isEqualTo(m.named(Secret.class, "sightline-secrets").getStringData().get("clickhouse-password"));
      assertThat(config.metadata().store().kind()).isEqualTo(dev.sightline.metadata.MetadataSettings.Kind.POSTGRESQL);
      assertThat(config.metadata().store().password()).as("PostgreSQL password from the Secret")
          .isEqualTo(m.named(Secret.class, "sightline-secrets").getStringData().get("metadata-postgresql-password"));
    }
  }

  static ServerConfig load(Manifests m, Deployment d, Path scratch) {
    Container c = Workloads.container(d);
    String podName = d.getMetadata().getName() + "-7d4b9c-x2x9q";
    Map<String, String> env = new HashMap<>();
    for (EnvVar e : c.getEnv()) {
      String value = e.getValue();
      if (e.getValueFrom() != null && e.getValueFrom().getFieldRef() != null) {
        assertThat(e.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
        value = podName;
      } else if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
        var ref = e.getValueFrom().getSecretKeyRef();
        value = m.named(Secret.class, ref.getName()).getStringData().get(ref.getKey());
      }
      if (e.getName().startsWith("SIGHTLINE_") && !Workloads.NOT_SETTINGS.contains(e.getName())) {
        String key = e.getName().substring("SIGHTLINE_".length()).toLowerCase(Locale.ROOT).replace('_', '.');
        assertThat(KnownSettings.known(key)).as("%s of %s names a setting", e.getName(), d.getMetadata().getName()).isTrue();
      }
      env.put(e.getName(), value);
    }
    // the ConfigMap as the pod sees it, at the path SIGHTLINE_CONFIG names
    String configPath = env.get("SIGHTLINE_CONFIG");
    String volume = c.getVolumeMounts().stream().filter(v -> configPath.startsWith(v.getMountPath() + "/"))
        .findFirst().orElseThrow(() -> new AssertionError("no volume holds " + configPath)).getName();
    String configMap = d.getSpec().getTemplate().getSpec().getVolumes().stream()
        .filter(v -> v.getName().equals(volume)).findFirst().orElseThrow().getConfigMap().getName();
    String file = configPath.substring(configPath.lastIndexOf('/') + 1);
    try {
      Path local = Files.createTempFile(scratch, "sightline", ".yaml");
      Files.writeString(local, m.named(ConfigMap.class, configMap).getData().get(file));
      env.put("SIGHTLINE_CONFIG", local.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ConfigLoader.load(List.of(), env);
  }
}
