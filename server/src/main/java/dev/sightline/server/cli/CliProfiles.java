package dev.sightline.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Servers and keys by name, from {@code ~/.config/sightline/cli.yaml} (or {@code SIGHTLINE_CLI_CONFIG}):
 *
 * <pre>
 * default: local
 * profiles:
 *   local: {url: http://localhost:8080}
 *   prod:  {url: https://sightline.example.com, key: sl_…}
 * </pre>
 *
 * Flags win over the environment ({@code SIGHTLINE_URL}, {@code SIGHTLINE_API_KEY}), which wins
 * over the profile.
 */
final class CliProfiles {
  private CliProfiles() {}

  record Server(String url, String key) {}

  static Server resolve(String urlFlag, String keyFlag, String profileFlag, Map<String, String> env) {
    Path file = Path.of(env.getOrDefault("SIGHTLINE_CLI_CONFIG",
        System.getProperty("user.home") + "/.config/sightline/cli.yaml"));
    JsonNode profile = null;
    if (Files.exists(file)) {
      JsonNode root;
      try {
        root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
      } catch (IOException e) {
        throw new IllegalArgumentException("the CLI config " + file + " is not YAML: " + e.getMessage());
      }
      String name = !profileFlag.isEmpty() ? profileFlag : env.getOrDefault("SIGHTLINE_PROFILE", root.path("default").asText(""));
      if (!name.isEmpty()) {
        profile = root.path("profiles").get(name);
        if (profile == null) {
          throw new IllegalArgumentException("profile '" + name + "' is not in " + file);
        }
      }
    } else if (!profileFlag.isEmpty()) {
      throw new IllegalArgumentException("--profile " + profileFlag + ": there is no CLI config at " + file);
    }
    String url = first(urlFlag, env.get("SIGHTLINE_URL"), profile == null ? null : profile.path("url").asText(null),
        "http://localhost:8080");
    String key = first(keyFlag, env.get("SIGHTLINE_API_KEY"), profile == null ? null : profile.path("key").asText(null), "");
    return new Server(url, key);
  }

  private static String first(String... candidates) {
    for (String c : candidates) {
      if (c != null && !c.isEmpty()) {
        return c;
      }
    }
    return "";
  }
}
