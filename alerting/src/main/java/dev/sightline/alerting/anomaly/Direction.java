package dev.sightline.alerting.anomaly;

import java.util.Locale;

/** Which side of the expected band counts as anomalous: latency alerts care only about above. */
public enum Direction {
  ABOVE,
  BELOW,
  BOTH;

  boolean outside(double observed, Band band) {
    return switch (this) {
      case ABOVE -> observed > band.high();
      case BELOW -> observed < band.low();
      case BOTH -> observed > band.high() || observed < band.low();
    };
  }

  /** The name rules use: {@code above}, {@code below}, {@code both}. */
  public String ruleName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws IllegalArgumentException naming the field and the accepted values
   */
  public static Direction parse(String value) {
    for (Direction d : values()) {
      if (d.ruleName().equals(value.trim().toLowerCase(Locale.ROOT))) {
        return d;
      }
    }
    throw new IllegalArgumentException("direction must be one of above, below, both; was \"" + value + "\"");
  }
}
