package dev.sightline.query.promql;

import java.util.function.DoubleUnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Functions applied to each element's value alone; all drop the metric name. Where Java's math
 * differs from Go's at the edges (log2 of powers of two, the inverse hyperbolic functions), Go's
 * behaviour is reproduced.
 */
final class MathFunctions {
  private MathFunctions() {}

  private static final double LN2 = Math.log(2);

  static @Nullable DoubleUnaryOperator get(String name) {
    return switch (name) {
      case "abs" -> Math::abs;
      case "ceil" -> Math::ceil;
      case "floor" -> Math::floor;
      case "exp" -> Math::exp;
      case "sqrt" -> Math::sqrt;
      case "ln" -> Math::log;
      case "log2" -> MathFunctions::log2;
      case "log10" -> Math::log10;
      case "sin" -> Math::sin;
      case "cos" -> Math::cos;
      case "tan" -> Math::tan;
      case "asin" -> Math::asin;
      case "acos" -> Math::acos;
      case "atan" -> Math::atan;
      case "sinh" -> Math::sinh;
      case "cosh" -> Math::cosh;
      case "tanh" -> Math::tanh;
      case "asinh" -> MathFunctions::asinh;
      case "acosh" -> MathFunctions::acosh;
      case "atanh" -> MathFunctions::atanh;
      case "rad" -> v -> v * Math.PI / 180;
      case "deg" -> v -> v * 180 / Math.PI;
      case "sgn" -> v -> v < 0 ? -1 : v > 0 ? 1 : v;
      default -> null;
    };
  }

  /** Go's Log2: exact for powers of two. */
  static double log2(double x) {
    if (!(x > 0) || Double.isInfinite(x) || x < Double.MIN_NORMAL) {
      return Math.log(x) / LN2;
    }
    int exp = Math.getExponent(x) + 1;
    double frac = x / Math.scalb(1.0, exp);
    if (frac == 0.5) {
      return exp - 1;
    }
    return Math.log(frac) * (1 / LN2) + exp;
  }

  static double asinh(double x) {
    if (Double.isNaN(x) || Double.isInfinite(x) || x == 0) {
      return x;
    }
    double a = Math.abs(x);
    double r = a > 1e8 ? Math.log(a) + LN2 : Math.log1p(a + a * a / (1 + Math.sqrt(1 + a * a)));
    return x < 0 ? -r : r;
  }

  static double acosh(double x) {
    if (x < 1 || Double.isNaN(x)) {
      return Double.NaN;
    }
    if (x == 1) {
      return 0;
    }
    if (x > 1e8) {
      return Math.log(x) + LN2;
    }
    double t = x - 1;
    return Math.log1p(t + Math.sqrt(2 * t + t * t));
  }

  static double atanh(double x) {
    if (x < -1 || x > 1 || Double.isNaN(x)) {
      return Double.NaN;
    }
    if (x == 1) {
      return Double.POSITIVE_INFINITY;
    }
    if (x == -1) {
      return Double.NEGATIVE_INFINITY;
    }
    double a = Math.abs(x);
    double r = 0.5 * Math.log1p(2 * a / (1 - a));
    return x < 0 ? -r : r;
  }
}
