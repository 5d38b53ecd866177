package dev.sightline.query.promql;

/** Binary operators on two floats, with Go's math where it differs from Java's. */
final class ArithmeticOps {
  private ArithmeticOps() {}

  static double apply(BinaryOp op, double l, double r) {
    return switch (op) {
      case ADD -> l + r;
      case SUB -> l - r;
      case MUL -> l * r;
      case DIV -> l / r;
      case POW -> pow(l, r);
      case MOD -> l % r;
      case ATAN2 -> Math.atan2(l, r);
      case EQL -> l == r ? 1 : 0;
      case NEQ -> l != r ? 1 : 0;
      case GTR -> l > r ? 1 : 0;
      case LSS -> l < r ? 1 : 0;
      case GTE -> l >= r ? 1 : 0;
      case LTE -> l <= r ? 1 : 0;
      default -> throw new IllegalStateException("not an arithmetic operator: " + op);
    };
  }

  /** Whether a comparison holds. */
  static boolean compare(BinaryOp op, double l, double r) {
    return switch (op) {
      case EQL -> l == r;
      case NEQ -> l != r;
      case GTR -> l > r;
      case LSS -> l < r;
      case GTE -> l >= r;
      case LTE -> l <= r;
      default -> throw new IllegalStateException("not a comparison: " + op);
    };
  }

  /** Go's math.Pow: x^0 and 1^y are 1 even for NaN, and (-1)^±Inf is 1. */
  static double pow(double x, double y) {
    if (y == 0 || x == 1) {
      return 1;
    }
    if (x == -1 && Double.isInfinite(y)) {
      return 1;
    }
    return Math.pow(x, y);
  }
}
