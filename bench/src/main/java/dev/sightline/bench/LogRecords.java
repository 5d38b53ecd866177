package dev.sightline.bench;

import java.util.SplittableRandom;

/** Log records as shippers send them: a service, a level, a message with ids in it, sometimes a trace id. */
final class LogRecords {
  private static final String[] SERVICES = {"checkout", "cart", "payments", "inventory", "gateway", "search", "auth", "email"};
  private static final String[] LEVELS = {"info", "info", "info", "info", "debug", "warn", "error"};
  private static final String[] TEMPLATES = {
      "GET /api/orders/%d completed in %d ms",
      "user %d signed in from 10.0.%d.17",
      "payment declined for order %d: insufficient funds (attempt %d)",
      "cache miss for key product:%d, loaded in %d ms",
      "retrying request to inventory (attempt %d of %d)"};
  private final SplittableRandom random;

  /** One record's fields. */
  record Record(String service, String level, String message, String traceId) {}

  LogRecords(long seed) {
    this.random = new SplittableRandom(seed);
  }

  Record next() {
    String service = SERVICES[random.nextInt(SERVICES.length)];
    String level = LEVELS[random.nextInt(LEVELS.length)];
    String message = TEMPLATES[random.nextInt(TEMPLATES.length)].formatted(random.nextInt(1_000_000), random.nextInt(500));
    String traceId = random.nextInt(4) == 0 ? "%016x%016x".formatted(random.nextLong(), random.nextLong()) : "";
    return new Record(service, level, message, traceId);
  }

  /** The syslog severity of a level name. */
  static int syslogSeverity(String level) {
    return switch (level) {
      case "error" -> 3;
      case "warn" -> 4;
      case "debug" -> 7;
      default -> 6;
    };
  }
}
