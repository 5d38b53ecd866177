package dev.sightline.alerting.signals;

import java.util.Locale;

/**
 * The severity names a log rule's {@code min_severity} takes, each the lowest OpenTelemetry
 * severity number of its range: {@code error} matches ERROR, ERROR2…ERROR4 and every FATAL.
 */
public enum SeverityLevel {
  TRACE(1),
  DEBUG(5),
  INFO(9),
  WARN(13),
  ERROR(17),
  FATAL(21);

  private final int number;

  SeverityLevel(int number) {
    this.number = number;
  }

  public int number() {
    return number;
  }

  /**
   * A severity number from a name ({@code error}, {@code WARN}, {@code warning}) or a number 1–24.
   *
   * @throws IllegalArgumentException naming the field and the accepted values
   */
  public static int parseNumber(String value) {
    String v = value.trim().toUpperCase(Locale.ROOT);
    if (v.equals("WARNING")) {
      return WARN.number;
    }
    for (SeverityLevel s : values()) {
      if (s.name().equals(v)) {
        return s.number;
      }
    }
    try {
      int n = Integer.parseInt(v);
      if (n >= 1 && n <= 24) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through to the error naming the accepted values
    }
    throw new IllegalArgumentException("min_severity must be trace, debug, info, warn, error, fatal or a "
        + "severity number 1..24; was \"" + value + "\"");
  }
}
