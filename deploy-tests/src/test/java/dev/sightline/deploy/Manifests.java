package dev.sightline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Kubernetes objects of a set of YAML files, each document read into its typed model
 * (fabric8's, which follow the Kubernetes OpenAPI schemas). A document whose kind has no model
 * or that carries a field its model does not know is an error naming the file and the field.
 */
final class Manifests {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();

  private final List<HasMetadata> objects;

  Manifests(List<HasMetadata> objects) {
    this.objects = List.copyOf(objects);
  }

  static Manifests read(List<Path> files) {
    List<HasMetadata> objects = new ArrayList<>();
    for (Path file : files) {
      try {
        objects.addAll(parse(Files.readString(file), file.toString()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new Manifests(objects);
  }

  /** The typed objects of one multi-document YAML text; {@code source} names it in errors. */
  static List<HasMetadata> parse(String yaml, String source) {
    List<HasMetadata> out = new ArrayList<>();
    try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      int index = 0;
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        index++;
        if (doc == null || doc.isNull() || doc.isEmpty()) {
          continue;
        }
        String where = source + " document " + index + " (" + doc.path("kind").asText("no kind") + ")";
        KubernetesResource typed = KUBERNETES.unmarshal(doc.toString());
        if (typed instanceof GenericKubernetesResource || !(typed instanceof HasMetadata object)) {
          throw new IllegalArgumentException(where + ": apiVersion " + doc.path("apiVersion").asText()
              + " kind " + doc.path("kind").asText() + " has no typed model");
        }
        List<String> unknown = UnknownFields.of(object);
        if (!unknown.isEmpty()) {
          throw new IllegalArgumentException(where + ": fields unknown to the schema: " + unknown);
        }
        out.add(object);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(source + ": not YAML: " + e.getMessage(), e);
    }
    return out;
  }

  List<HasMetadata> all() {
    return objects;
  }

  <T extends HasMetadata> List<T> of(Class<T> kind) {
    return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  <T extends HasMetadata> T named(Class<T> kind, String name) {
    return of(kind).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind.getSimpleName() + " named " + name));
  }
}
