package dev.sightline.alerting.rules;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML document as SnakeYAML's node tree, which keeps the line of every node, with typed reads
 * whose errors name the file, the line and the path of the node.
 */
final class YamlTree {
  private final String file;

  YamlTree(String file) {
    this.file = file;
  }

  Node parse(String text) throws RuleFileException {
    try {
      Node root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(text));
      if (root == null) {
        throw new RuleFileException(file, 1, "the file is empty; expected 'groups:'");
      }
      return root;
    } catch (MarkedYAMLException e) {
      throw new RuleFileException(file, e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1,
          "not valid YAML: " + e.getProblem());
    } catch (YAMLException e) {
      throw new RuleFileException(file, 0, "not valid YAML: " + e.getMessage());
    }
  }

  RuleFileException error(Node node, String path, String reason) {
    return new RuleFileException(file, line(node), path + ": " + reason);
  }

  static int line(Node node) {
    return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
  }

  /** A mapping's entries by key, in order; keys outside {@code allowed} are errors. */
  Map<String, Node> mapping(Node node, String path, Set<String> allowed) throws RuleFileException {
    if (!(node instanceof MappingNode m)) {
      throw error(node, path, "expected a mapping");
    }
    Map<String, Node> out = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      String key = scalar(t.getKeyNode(), path + " key");
      if (!allowed.isEmpty() && !allowed.contains(key)) {
        throw error(t.getKeyNode(), path, "unknown field '" + key + "'; expected one of " + String.join(", ", allowed));
      }
      if (out.put(key, t.getValueNode()) != null) {
        throw error(t.getKeyNode(), path, "field '" + key + "' appears twice");
      }
    }
    return out;
  }

  List<Node> sequence(Node node, String path) throws RuleFileException {
    if (!(node instanceof SequenceNode s)) {
      throw error(node, path, "expected a list");
    }
    return new ArrayList<>(s.getValue());
  }

  String scalar(Node node, String path) throws RuleFileException {
    if (!(node instanceof ScalarNode s)) {
      throw error(node, path, "expected a single value");
    }
    return s.getValue();
  }

  /** A mapping of string values (labels, annotations). */
  Map<String, String> strings(Node node, String path) throws RuleFileException {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, Node> e : mapping(node, path, Set.of()).entrySet()) {
      out.put(e.getKey(), scalar(e.getValue(), path + "." + e.getKey()));
    }
    return out;
  }

  /** Any node as plain Java values (maps, lists, strings), for rule kinds that read their own parameters. */
  Object plain(Node node, String path) throws RuleFileException {
    if (node instanceof ScalarNode s) {
      return s.getValue();
    }
    if (node instanceof SequenceNode s) {
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < s.getValue().size(); i++) {
        out.add(plain(s.getValue().get(i), path + "[" + i + "]"));
      }
      return out;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Node> e : mapping(node, path, Set.of()).entrySet()) {
      out.put(e.getKey(), plain(e.getValue(), path + "." + e.getKey()));
    }
    return out;
  }
}
