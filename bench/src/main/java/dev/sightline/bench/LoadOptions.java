package dev.sightline.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Options of the load generator, from {@code --key=value} arguments; errors name the option. */
record LoadOptions(String target, String endpoint, String signal, long rate, Duration duration,
    int concurrency, int batch, long total) {

  private static final Set<String> KEYS = Set.of("target", "endpoint", "signal", "rate", "duration",
      "concurrency", "batch", "total");

  static LoadOptions parse(String... args) {
    Map<String, String> v = new LinkedHashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (!arg.startsWith("--") || eq < 0 || !KEYS.contains(arg.substring(2, eq))) {
        throw new IllegalArgumentException("unknown option '" + arg + "'; options: --target=grpc|http|zipkin|none "
            + "--endpoint=host:port --signal=traces|logs|metrics --rate=items/s (0 = as fast as accepted) "
            + "--duration=30s --concurrency=8 --batch=500 --total=items (0 = no limit)");
      }
      v.put(arg.substring(2, eq), arg.substring(eq + 1));
    }
    String target = v.getOrDefault("target", "grpc");
    String defaultEndpoint = switch (target) {
      case "grpc" -> "127.0.0.1:4317";
      case "http" -> "127.0.0.1:4318";
      case "zipkin" -> "127.0.0.1:9411";
      case "none" -> "";
      default -> throw new IllegalArgumentException("--target: '" + target + "' is not grpc, http, zipkin or none");
    };
    String signal = v.getOrDefault("signal", "traces");
    if (target.equals("zipkin") && !signal.equals("traces")) {
      throw new IllegalArgumentException("--signal: Zipkin takes traces only");
    }
    return new LoadOptions(target, v.getOrDefault("endpoint", defaultEndpoint), signal,
        number("rate", v.getOrDefault("rate", "0"), 0), duration(v.getOrDefault("duration", "30s")),
        (int) number("concurrency", v.getOrDefault("concurrency", "8"), 1),
        (int) number("batch", v.getOrDefault("batch", "500"), 1), number("total", v.getOrDefault("total", "0"), 0));
  }

  private static long number(String key, String raw, long min) {
    try {
      long n = Long.parseLong(raw);
      if (n < min) {
        throw new IllegalArgumentException("--" + key + ": " + n + " is below " + min);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + key + ": '" + raw + "' is not a whole number");
    }
  }

  private static Duration duration(String raw) {
    if (raw.endsWith("ms")) {
      return Duration.ofMillis(number("duration", raw.substring(0, raw.length() - 2), 1));
    }
    if (raw.endsWith("s")) {
      return Duration.ofSeconds(number("duration", raw.substring(0, raw.length() - 1), 1));
    }
    if (raw.endsWith("m")) {
      return Duration.ofMinutes(number("duration", raw.substring(0, raw.length() - 1), 1));
    }
    throw new IllegalArgumentException("--duration: '" + raw + "' is not a duration like 30s or 5m");
  }
}
