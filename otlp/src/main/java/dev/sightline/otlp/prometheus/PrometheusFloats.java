package dev.sightline.otlp.prometheus;

import java.math.BigDecimal;

/**
 * Floats as Prometheus writes them in {@code le} and {@code quantile} labels: Go's
 * {@code strconv.FormatFloat(f, 'g', -1, 64)}: the shortest digits that read back exactly, in
 * exponent form below 1e-4 and from 1e6 on ({@code 0.005}, {@code 1}, {@code 100000},
 * {@code 1e-05}, {@code 2.5e+06}), and {@code +Inf}, {@code -Inf}, {@code NaN}.
 */
public final class PrometheusFloats {
  private PrometheusFloats() {}

  public static String format(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    if (value == 0) {
      return Double.doubleToRawLongBits(value) < 0 ? "-0" : "0";
    }
    // Double.toString gives the shortest digits that read back exactly (JDK 19 and later).
    BigDecimal exact = new BigDecimal(Double.toString(Math.abs(value))).stripTrailingZeros();
    String digits = exact.unscaledValue().toString();
    int pointAt = digits.length() - exact.scale(); // digits d1..dn times 10^(pointAt - n)
    int exponent = pointAt - 1;
    StringBuilder out = new StringBuilder(digits.length() + 8);
    if (value < 0) {
      out.append('-');
    }
    if (exponent < -4 || exponent >= 6) {
      out.append(digits.charAt(0));
      if (digits.length() > 1) {
        out.append('.').append(digits, 1, digits.length());
      }
      out.append('e').append(exponent < 0 ? '-' : '+');
      int abs = Math.abs(exponent);
      if (abs < 10) {
        out.append('0');
      }
      return out.append(abs).toString();
    }
    if (pointAt <= 0) {
      out.append("0.").append("0".repeat(-pointAt)).append(digits);
    } else if (pointAt >= digits.length()) {
      out.append(digits).append("0".repeat(pointAt - digits.length()));
    } else {
      out.append(digits, 0, pointAt).append('.').append(digits, pointAt, digits.length());
    }
    return out.toString();
  }
}
