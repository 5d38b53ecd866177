package dev.sightline.receivers.otlp;

import io.opentelemetry.proto.logs.v1.SeverityNumber;
import java.util.Locale;

/** Level names log shippers use ({@code warn}, {@code ERROR}, {@code crit}, …) as OTLP severities. */
public final class SeverityNames {
  private SeverityNames() {}

  public static SeverityNumber parse(String level) {
    return switch (level.toLowerCase(Locale.ROOT)) {
      case "trace" -> SeverityNumber.SEVERITY_NUMBER_TRACE;
      case "debug", "dbug" -> SeverityNumber.SEVERITY_NUMBER_DEBUG;
      case "info", "information", "notice" -> SeverityNumber.SEVERITY_NUMBER_INFO;
      case "warn", "warning" -> SeverityNumber.SEVERITY_NUMBER_WARN;
      case "error", "err", "eror" -> SeverityNumber.SEVERITY_NUMBER_ERROR;
      case "fatal", "critical", "crit", "panic", "emerg", "emergency", "alert" -> SeverityNumber.SEVERITY_NUMBER_FATAL;
      default -> SeverityNumber.SEVERITY_NUMBER_UNSPECIFIED;
    };
  }
}
