package dev.sightline.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges defaults, the YAML file ({@code --config=FILE} or {@code SIGHTLINE_CONFIG}), environment
 * variables ({@code SIGHTLINE_OTLP_GRPC_PORT} for {@code otlp.grpc.port}) and flags
 * ({@code --otlp.grpc.port=4317}), later ones winning, then validates the result.
 */
public final class ConfigLoader {
  private static final Logger log = LoggerFactory.getLogger(ConfigLoader.class);
  private static final String ENV_PREFIX = "SIGHTLINE_";
  /** Master keys in the environment: a secret, so not a setting that flags or files could carry. */
  public static final String MASTER_KEY_ENV = "SIGHTLINE_MASTER_KEY";

  private ConfigLoader() {}

  public static ServerConfig load(List<String> args, Map<String, String> env) {
    Map<String, String> values = new LinkedHashMap<>();
    ConfigKeys.ALL.values().forEach(k -> values.put(k.name(), k.defaultValue()));
    Map<String, String> flags = flags(args);
    String file = flags.remove("config");
    if (file == null) {
      file = env.get(ENV_PREFIX + "CONFIG");
    }
    Map<String, Object> processors = Map.of();
    Map<String, Object> pipelines = Map.of();
    List<?> scrapeConfigs = List.of();
    Map<String, Object> notifications = Map.of();
    Map<String, Object> roles = Map.of();
    if (file != null) {
      JsonNode root = yaml(Path.of(file));
      processors = section(root, "processors", file);
      pipelines = section(root, "pipelines", file);
      scrapeConfigs = listSection(root, "scrape_configs", file);
      notifications = section(root, "notifications", file);
      roles = section(root, "roles", file);
      putKnown(values, flat(root, Path.of(file)), "in " + file);
    }
    env.forEach((name, value) -> {
      if (name.startsWith(ENV_PREFIX) && !name.equals(ENV_PREFIX + "CONFIG") && !name.equals(MASTER_KEY_ENV)) {
        String key = name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
        if (ConfigKeys.known(key)) {
          values.put(key, value);
        } else {
          log.warn("environment variable {} is not a Sightline setting and is ignored", name);
        }
      }
    });
    putKnown(values, flags, "on the command line");
    return ServerConfig.from(new ConfigValues(values), processors, pipelines, scrapeConfigs, notifications, roles,
        env.getOrDefault(MASTER_KEY_ENV, ""));
  }

  /** A line per key with its default and help, for {@code --help}. */
  public static String help() {
    StringBuilder b = new StringBuilder();
    ConfigKeys.ALL.values().forEach(k -> b.append(String.format("  --%-32s %s (default %s)%n",
        k.name() + "=…", k.help(), k.defaultValue())));
    return b.toString();
  }

  private static void putKnown(Map<String, String> values, Map<String, String> more, String where) {
    List<String> unknown = new ArrayList<>();
    more.forEach((k, v) -> {
      if (ConfigKeys.known(k)) {
        values.put(k, v);
      } else {
        unknown.add(k);
      }
    });
    if (!unknown.isEmpty()) {
      throw new ConfigException("unknown configuration key " + String.join(", ", unknown) + " " + where
          + "; known keys: " + String.join(", ", ConfigKeys.ALL.keySet()));
    }
  }

  private static Map<String, String> flags(List<String> args) {
    Map<String, String> flags = new LinkedHashMap<>();
    for (String arg : args) {
      if (!arg.startsWith("--") || !arg.contains("=")) {
        throw new ConfigException("argument '" + arg + "' is not of the form --key=value");
      }
      int eq = arg.indexOf('=');
      flags.put(arg.substring(2, eq), arg.substring(eq + 1));
    }
    return flags;
  }

  private static JsonNode yaml(Path file) {
    try {
      JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(file));
      return root == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : root;
    } catch (IOException e) {
      throw new ConfigException("configuration file " + file + " cannot be read: " + e.getMessage());
    }
  }

  /**
   * A structured section ({@code processors:}, {@code pipelines:}, {@code notifications:}) taken out of the file as plain
   * maps and lists; the pipeline checks it, naming each bad setting by its path.
   */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> section(JsonNode root, String name, String file) {
    JsonNode node = take(root, name, file, false);
    return node == null ? Map.of() : new ObjectMapper().convertValue(node, Map.class);
  }

  /** Removes a structured section from the file's tree, checking that it is a mapping or a list. */
  private static @Nullable JsonNode take(
      JsonNode root, String name, String file, boolean list) {
    JsonNode node = root.isObject() ? ((com.fasterxml.jackson.databind.node.ObjectNode) root).remove(name) : null;
    if (node == null || node.isNull()) {
      return null;
    }
    if (list ? !node.isArray() : !node.isObject()) {
      throw new ConfigException(name + " in " + file + ": expected a " + (list ? "list" : "mapping"));
    }
    return node;
  }

  /** A list section ({@code scrape_configs:}) as plain maps and lists. */
  private static List<?> listSection(JsonNode root, String name, String file) {
    JsonNode node = take(root, name, file, true);
    return node == null ? List.of() : new ObjectMapper().convertValue(node, List.class);
  }

  private static Map<String, String> flat(JsonNode root, Path file) {
    Map<String, String> flat = new LinkedHashMap<>();
    if (root != null && !root.isMissingNode() && !root.isNull()) {
      if (!root.isObject()) {
        throw new ConfigException("configuration file " + file + " must hold a mapping of keys");
      }
      flatten("", root, flat, file);
    }
    return flat;
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> out, Path file) {
    node.fields().forEachRemaining(e -> {
      String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      JsonNode value = e.getValue();
      if (value.isObject()) {
        flatten(key, value, out, file);
      } else if (value.isValueNode()) {
        out.put(key, value.asText());
      } else {
        throw new ConfigException(key + " in " + file + ": expected a single value, found a list");
      }
    });
  }

}
