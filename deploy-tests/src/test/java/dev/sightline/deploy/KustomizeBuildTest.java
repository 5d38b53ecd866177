package dev.sightline.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code kubectl kustomize deploy/kubernetes} (what {@code kubectl apply -k} applies), where
 * kubectl is installed: it builds offline, and its output reads into the same typed objects.
 * Skipped, saying so, without kubectl.
 */
class KustomizeBuildTest {

  @Test
  void kubectlKustomizeBuildsTheSameObjects() throws IOException, InterruptedException {
    assumeTrue(onPath("kubectl"), "kubectl is not on PATH: kubectl kustomize deploy/kubernetes not checked");
    Process p = new ProcessBuilder("kubectl", "kustomize", KubernetesManifestsTest.DIR.toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("kubectl kustomize: %s", out).isZero();
    Function<HasMetadata, String> id = o -> o.getKind() + "/" + o.getMetadata().getName();
    List<HasMetadata> built = Manifests.parse(out, "kubectl kustomize");
    assertThat(built).extracting(id)
        .containsExactlyInAnyOrderElementsOf(KubernetesManifestsTest.manifests().all().stream().map(id).toList());
  }

  private static boolean onPath(String command) {
    String path = System.getenv("PATH");
    return path != null && Stream.of(path.split(File.pathSeparator))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
  }
}
