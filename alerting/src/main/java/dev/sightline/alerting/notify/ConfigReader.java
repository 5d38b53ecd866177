package dev.sightline.alerting.notify;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Reads one YAML mapping (already parsed into maps and lists), naming each bad setting by its path. */
final class ConfigReader {
  private static final Pattern DURATION = Pattern.compile(
      "^(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?$");
  private static final long[] MILLIS = {365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000, 1};

  final Map<String, Object> map;
  final String where;

  private ConfigReader(Map<String, Object> map, String where) {
    this.map = map;
    this.where = where;
  }

  @SuppressWarnings("unchecked")
  static ConfigReader of(@Nullable Object o, String where, Set<String> known) {
    if (!(o instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException(where + ": expected a mapping");
    }
    for (Object k : m.keySet()) {
      if (!known.contains(String.valueOf(k))) {
        throw new IllegalArgumentException(where + "." + k + ": unknown setting; known: "
            + String.join(", ", known.stream().sorted().toList()));
      }
    }
    return new ConfigReader((Map<String, Object>) m, where);
  }

  String path(String key) {
    return where + "." + key;
  }

  boolean has(String key) {
    return map.get(key) != null;
  }

  String string(String key) {
    String v = optionalString(key);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException(path(key) + ": required");
    }
    return v;
  }

  String string(String key, String def) {
    String v = optionalString(key);
    return v == null ? def : v;
  }

  @Nullable String optionalString(String key) {
    Object v = map.get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof Map || v instanceof List) {
      throw new IllegalArgumentException(path(key) + ": expected a single value");
    }
    return String.valueOf(v);
  }

  boolean bool(String key, boolean def) {
    Object v = map.get(key);
    if (v == null) {
      return def;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    throw new IllegalArgumentException(path(key) + ": expected true or false, got '" + v + "'");
  }

  int count(String key, int def) {
    Object v = map.get(key);
    if (v == null) {
      return def;
    }
    try {
      int n = Integer.parseInt(String.valueOf(v));
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(path(key) + ": expected a whole number ≥ 0, got '" + v + "'");
  }

  Duration duration(String key, Duration def) {
    String text = optionalString(key);
    if (text == null) {
      return def;
    }
    java.util.regex.Matcher m = DURATION.matcher(text.strip());
    if (text.isBlank() || !m.matches()) {
      throw new IllegalArgumentException(path(key) + ": '" + text + "' is not a duration such as 30s, 5m or 4h");
    }
    long ms = 0;
    for (int i = 0; i < MILLIS.length; i++) {
      if (m.group(i + 1) != null) {
        ms += Long.parseLong(m.group(i + 1)) * MILLIS[i];
      }
    }
    return Duration.ofMillis(ms);
  }

  URI url(String key, @Nullable String def) {
    String text = def == null ? string(key) : string(key, def);
    try {
      URI uri = new URI(text);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw new IllegalArgumentException(path(key) + ": '" + text + "' is not an http or https URL");
  }

  List<?> list(String key) {
    Object v = map.get(key);
    if (v == null) {
      return List.of();
    }
    if (v instanceof List<?> l) {
      return l;
    }
    throw new IllegalArgumentException(path(key) + ": expected a list");
  }

  /** A list of strings; a single string counts as a list of one, as YAML authors often write. */
  List<String> strings(String key) {
    Object v = map.get(key);
    if (v instanceof String s) {
      return List.of(s);
    }
    return list(key).stream().map(String::valueOf).toList();
  }

  List<Matcher> matchers(String key) {
    List<String> texts = strings(key);
    return java.util.stream.IntStream.range(0, texts.size())
        .mapToObj(i -> Matcher.parse(texts.get(i), path(key) + "[" + i + "]")).toList();
  }
}
