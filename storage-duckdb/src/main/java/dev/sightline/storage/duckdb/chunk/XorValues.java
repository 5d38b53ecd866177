package dev.sightline.storage.duckdb.chunk;

/**
 * Gorilla-style values: the first as 64 raw bits, then each as the XOR with the previous one,
 * {@code 0} when equal, else the meaningful bits inside the previous window ({@code 10}) or with a
 * new window of leading-zero count and length ({@code 11}). Works on raw bits, so every NaN payload
 * (the stale marker among them) comes back exactly.
 */
final class XorValues {
  private XorValues() {}

  static void encode(double[] values, int n, ByteOutput out) {
    BitOutput bits = new BitOutput(out);
    long previous = 0;
    int leading = -1;
    int trailing = 0;
    for (int i = 0; i < n; i++) {
      long raw = Double.doubleToRawLongBits(values[i]);
      if (i == 0) {
        bits.writeBits(raw, 64);
        previous = raw;
        continue;
      }
      long xor = raw ^ previous;
      previous = raw;
      if (xor == 0) {
        bits.writeBit(false);
        continue;
      }
      bits.writeBit(true);
      int lead = Math.min(31, Long.numberOfLeadingZeros(xor));
      int trail = Long.numberOfTrailingZeros(xor);
      if (leading >= 0 && lead >= leading && trail >= trailing) {
        bits.writeBit(false);
        bits.writeBits(xor >>> trailing, 64 - leading - trailing);
      } else {
        int significant = 64 - lead - trail;
        bits.writeBit(true);
        bits.writeBits(lead, 5);
        bits.writeBits(significant - 1, 6);
        bits.writeBits(xor >>> trail, significant);
        leading = lead;
        trailing = trail;
      }
    }
    bits.flush();
  }

  static void decode(ByteInput in, double[] values, int n) {
    BitInput bits = new BitInput(in);
    long previous = 0;
    int leading = 0;
    int trailing = 0;
    for (int i = 0; i < n; i++) {
      if (i == 0) {
        previous = bits.readBits(64);
      } else if (bits.readBit()) {
        if (bits.readBit()) {
          leading = (int) bits.readBits(5);
          int significant = (int) bits.readBits(6) + 1;
          trailing = 64 - leading - significant;
        }
        previous ^= bits.readBits(64 - leading - trailing) << trailing;
      }
      values[i] = Double.longBitsToDouble(previous);
    }
  }
}
