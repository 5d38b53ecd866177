package dev.sightline.storage;

/** The Prometheus stale marker: a NaN with a payload that no arithmetic produces. */
public final class StaleMarker {
  private StaleMarker() {}

  public static final long BITS = 0x7ff0000000000002L;

  public static final double VALUE = Double.longBitsToDouble(BITS);

  public static boolean is(double value) {
    return Double.doubleToRawLongBits(value) == BITS;
  }
}
