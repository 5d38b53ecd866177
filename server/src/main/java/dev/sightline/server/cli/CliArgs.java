package dev.sightline.server.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The words and {@code --name=value} options of a command line, with the server and key resolved. */
record CliArgs(List<String> words, Map<String, String> options, String url, String key) {

  static CliArgs parse(List<String> args, Map<String, String> env) {
    List<String> words = new ArrayList<>();
    Map<String, String> options = new LinkedHashMap<>();
    for (String a : args) {
      if (a.startsWith("--")) {
        int eq = a.indexOf('=');
        if (eq < 0) {
          throw new IllegalArgumentException("option " + a + " needs a value: " + a + "=...");
        }
        options.put(a.substring(2, eq), a.substring(eq + 1));
      } else {
        words.add(a);
      }
    }
    String url = Optional.ofNullable(options.remove("url")).orElse(env.getOrDefault("SIGHTLINE_URL", "http://localhost:8080"));
    String key = Optional.ofNullable(options.remove("key")).orElse(env.getOrDefault("SIGHTLINE_API_KEY", ""));
    return new CliArgs(List.copyOf(words), Map.copyOf(options), url.replaceAll("/+$", ""), key);
  }

  String required(String option) {
    String v = options.get(option);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException("--" + option + " is required");
    }
    return v;
  }

  /** Refuses options the command does not know, naming them. */
  void allowOnly(String... known) {
    List<String> allowed = List.of(known);
    for (String o : options.keySet()) {
      if (!allowed.contains(o)) {
        throw new IllegalArgumentException("unknown option --" + o + " (known: " + allowed + ")");
      }
    }
  }
}
