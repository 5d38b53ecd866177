package dev.sightline.pipeline.processor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * Typed reads of one processor's settings, as parsed from YAML. Every error names the full path of
 * the setting, e.g. {@code processors.attributes/strip.actions[2].pattern}, and what was expected.
 */
public final class Settings {
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)");
  private final String path;
  private final Map<String, Object> values;

  public Settings(String path, Map<String, ?> values) {
    this.path = path;
    this.values = new LinkedHashMap<>(values);
  }

  public String path() {
    return path;
  }

  public String path(String key) {
    return path + "." + key;
  }

  public boolean has(String key) {
    return values.get(key) != null;
  }

  /** Stops on keys this processor does not know, which are mostly typos. */
  public Settings allowOnly(String... keys) {
    Set<String> unknown = new TreeSet<>(values.keySet());
    unknown.removeAll(Set.of(keys));
    if (!unknown.isEmpty()) {
      throw fail("unknown setting " + String.join(", ", unknown) + "; known: " + String.join(", ", keys));
    }
    return this;
  }

  public String string(String key) {
    Object v = values.get(key);
    if (v == null || v instanceof Map || v instanceof List) {
      throw fail(key, "a text value is required");
    }
    return v.toString();
  }

  public String string(String key, String fallback) {
    return has(key) ? string(key) : fallback;
  }

  public double number(String key, double fallback, double min, double max) {
    if (!has(key)) {
      return fallback;
    }
    double d;
    try {
      d = Double.parseDouble(string(key).trim());
    } catch (NumberFormatException e) {
      throw fail(key, "'" + values.get(key) + "' is not a number");
    }
    if (!(d >= min && d <= max)) {
      throw fail(key, d + " is out of range; expected " + min + " to " + max);
    }
    return d;
  }

  public boolean bool(String key, boolean fallback) {
    if (!has(key)) {
      return fallback;
    }
    return switch (string(key).trim()) {
      case "true" -> true;
      case "false" -> false;
      default -> throw fail(key, "'" + values.get(key) + "' is not true or false");
    };
  }

  public Duration duration(String key, Duration fallback) {
    return has(key) ? duration(path(key), string(key)) : fallback;
  }

  static Duration duration(String where, String raw) {
    Matcher m = DURATION.matcher(raw.trim());
    if (!m.matches()) {
      throw new PipelineConfigException(where + ": '" + raw + "' is not a duration; use e.g. 250ms, 10s, 5m, 1h, 90d");
    }
    double n = Double.parseDouble(m.group(1));
    double millis = switch (m.group(2)) {
      case "ms" -> n;
      case "s" -> n * 1_000;
      case "m" -> n * 60_000;
      case "h" -> n * 3_600_000;
      default -> n * 86_400_000;
    };
    return Duration.ofNanos(Math.round(millis * 1_000_000));
  }

  public @Nullable Pattern pattern(String key) {
    if (!has(key)) {
      return null;
    }
    String regex = string(key);
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw fail(key, "'" + regex + "' is not a valid regular expression: " + e.getDescription()
          + " near index " + e.getIndex());
    }
  }

  public List<String> strings(String key) {
    Object v = values.get(key);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> list)) {
      return List.of(string(key));
    }
    List<String> out = new ArrayList<>();
    for (Object o : list) {
      if (o == null || o instanceof Map || o instanceof List) {
        throw fail(key, "expected a list of text values");
      }
      out.add(o.toString());
    }
    return out;
  }

  /** A nested mapping, e.g. {@code attributes: {deployment.environment: prod}}. */
  public Settings map(String key) {
    Object v = values.get(key);
    if (v == null) {
      return new Settings(path(key), Map.of());
    }
    if (!(v instanceof Map<?, ?> m)) {
      throw fail(key, "expected a mapping of keys to values");
    }
    Map<String, Object> copy = new LinkedHashMap<>();
    m.forEach((k, val) -> copy.put(String.valueOf(k), val));
    return new Settings(path(key), copy);
  }

  /** A list of mappings, e.g. {@code actions: [{action: delete, key: x}]}. */
  public List<Settings> maps(String key) {
    Object v = values.get(key);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> list)) {
      throw fail(key, "expected a list");
    }
    List<Settings> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof Map<?, ?> m)) {
        throw new PipelineConfigException(path(key) + "[" + i + "]: expected a mapping");
      }
      Map<String, Object> copy = new LinkedHashMap<>();
      m.forEach((k, val) -> copy.put(String.valueOf(k), val));
      out.add(new Settings(path(key) + "[" + i + "]", copy));
    }
    return out;
  }

  public Set<String> keys() {
    return values.keySet();
  }

  public PipelineConfigException fail(String key, String why) {
    return new PipelineConfigException(path(key) + ": " + why);
  }

  public PipelineConfigException fail(String why) {
    return new PipelineConfigException(path + ": " + why);
  }
}
