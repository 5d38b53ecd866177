package dev.sightline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/** A Helm chart directory rendered as {@code helm template} would, with {@link ChartTemplate}. */
final class HelmChart {
  private static final YAMLMapper YAML = new YAMLMapper();

  private final Path dir;

  HelmChart(Path dir) {
    this.dir = dir;
  }

  JsonNode chart() {
    return read(dir.resolve("Chart.yaml"));
  }

  JsonNode values() {
    return read(dir.resolve("values.yaml"));
  }

  /**
   * Every template rendered into one multi-document YAML text, for a release named
   * {@code release} in {@code namespace}; {@code overrides} set values by dotted path as
   * {@code --set} does.
   */
  String render(String release, String namespace, Map<String, Object> overrides) {
    ObjectNode values = (ObjectNode) values();
    overrides.forEach((path, value) -> set(values, path, value));
    ObjectNode root = YAML.createObjectNode();
    root.set("Values", values);
    root.putObject("Release").put("Name", release).put("Namespace", namespace);
    ObjectNode chart = root.putObject("Chart");
    chart.put("Name", chart().path("name").asText()).put("Version", chart().path("version").asText())
        .put("AppVersion", chart().path("appVersion").asText());
    StringBuilder out = new StringBuilder();
    try (Stream<Path> files = Files.list(dir.resolve("templates"))) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        if (name.startsWith("_") || !name.endsWith(".yaml")) {
          continue;
        }
        String rendered = ChartTemplate.parse(name, Files.readString(file)).render(root);
        out.append("---\n# Source: ").append(name).append('\n').append(rendered).append('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void set(ObjectNode values, String path, Object value) {
    String[] parts = path.split("\\.");
    ObjectNode node = values;
    for (int i = 0; i < parts.length - 1; i++) {
      node = node.has(parts[i]) ? (ObjectNode) node.get(parts[i]) : node.putObject(parts[i]);
    }
    node.set(parts[parts.length - 1], YAML.valueToTree(value));
  }

  private static JsonNode read(Path file) {
    try {
      return YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
