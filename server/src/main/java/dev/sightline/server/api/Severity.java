package dev.sightline.server.api;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Reads a minimum severity given as an OTLP severity number (1–24) or a name such as WARN. */
final class Severity {
  private Severity() {}

  static int parse(@Nullable String raw) {
    if (raw == null) {
      return 0;
    }
    try {
      int n = Integer.parseInt(raw);
      if (n < 0 || n > 24) {
        throw new BadRequestException("minSeverity: " + n + " is out of range; expected 1 to 24");
      }
      return n;
    } catch (NumberFormatException e) {
      return switch (raw.toUpperCase(Locale.ROOT)) {
        case "TRACE" -> 1;
        case "DEBUG" -> 5;
        case "INFO" -> 9;
        case "WARN", "WARNING" -> 13;
        case "ERROR" -> 17;
        case "FATAL" -> 21;
        default -> throw new BadRequestException("minSeverity: '" + raw
            + "' is not a severity; use TRACE, DEBUG, INFO, WARN, ERROR, FATAL or 1-24");
      };
    }
  }
}
