package dev.sightline.receivers.prometheus.scrape;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * File-based service discovery: each file (JSON, or YAML when named {@code .yml}/{@code .yaml};
 * a {@code *} in the file name is a glob) holds a list of target groups. A file that cannot be read
 * keeps its previous groups, so a half-written file never empties the target list.
 */
final class FileDiscovery {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** What the last read found, with the error of each file that could not be read. */
  record Found(Map<Path, List<TargetGroup>> groups, List<String> errors) {}

  private FileDiscovery() {}

  static Found read(List<Path> patterns, Map<Path, List<TargetGroup>> previous) {
    Map<Path, List<TargetGroup>> groups = new java.util.LinkedHashMap<>();
    List<String> errors = new ArrayList<>();
    for (Path pattern : patterns) {
      for (Path file : expand(pattern, errors)) {
        try {
          groups.put(file, parse(file));
        } catch (IOException | IllegalArgumentException e) {
          errors.add(file + ": " + e.getMessage());
          groups.put(file, previous.getOrDefault(file, List.of()));
        }
      }
    }
    return new Found(groups, errors);
  }

  private static List<Path> expand(Path pattern, List<String> errors) {
    String name = pattern.getFileName() == null ? "" : pattern.getFileName().toString();
    if (!name.contains("*")) {
      return List.of(pattern);
    }
    Path dir = pattern.getParent() == null ? Path.of(".") : pattern.getParent();
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, name)) {
      files.forEach(out::add);
    } catch (IOException e) {
      errors.add(pattern + ": " + e.getMessage());
    }
    out.sort(null);
    return out;
  }

  private static List<TargetGroup> parse(Path file) throws IOException {
    String n = file.getFileName().toString();
    ObjectMapper mapper = n.endsWith(".yml") || n.endsWith(".yaml") ? YAML : JSON;
    Object root = mapper.readValue(file.toFile(), Object.class);
    if (root == null) {
      return List.of();
    }
    List<?> list = ScrapeConfigParser.list(root, file.toString());
    List<TargetGroup> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      out.add(ScrapeConfigParser.group(ScrapeConfigParser.map(list.get(i), "[" + i + "]"), "[" + i + "]"));
    }
    return out;
  }
}
