package dev.sightline.otlp;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;

/**
 * Trace and span ids as the APIs show them: lowercase hex, as in W3C Trace Context. Input may use
 * either case.
 */
public final class Ids {
  private static final char[] DIGITS = "0123456789abcdef".toCharArray();
  private static final int SHOWN_CHARS = 64;

  private Ids() {}

  /** The id as lowercase hex; an empty id gives an empty string. */
  public static String toHex(ByteString id) {
    requireNonNull(id, "id");
    char[] out = new char[id.size() * 2];
    for (int i = 0; i < id.size(); i++) {
      int b = id.byteAt(i) & 0xff;
      out[2 * i] = DIGITS[b >>> 4];
      out[2 * i + 1] = DIGITS[b & 0xf];
    }
    return new String(out);
  }

  /**
   * The bytes of a hex string in upper or lower case; an empty string gives an empty id.
   *
   * @throws IllegalArgumentException naming the offending character or the odd length
   */
  public static ByteString fromHex(String hex) {
    requireNonNull(hex, "hex");
    for (int i = 0; i < hex.length(); i++) {
      if (digit(hex.charAt(i)) < 0) {
        throw new IllegalArgumentException(quoted(hex) + " is not hex: '" + hex.charAt(i) + "' at index " + i
            + " is not a hex digit (0-9, a-f, A-F)");
      }
    }
    if (hex.length() % 2 != 0) {
      throw new IllegalArgumentException(quoted(hex) + " is not hex: it has an odd number of digits ("
          + hex.length() + "), expected two per byte");
    }
    byte[] out = new byte[hex.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) (digit(hex.charAt(2 * i)) << 4 | digit(hex.charAt(2 * i + 1)));
    }
    return UnsafeByteOperations.unsafeWrap(out);
  }

  /** Whether every byte is zero; vacuously true for an empty id, so check the length first. */
  public static boolean isAllZero(ByteString id) {
    requireNonNull(id, "id");
    for (int i = 0; i < id.size(); i++) {
      if (id.byteAt(i) != 0) {
        return false;
      }
    }
    return true;
  }

  private static int digit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  private static String quoted(String hex) {
    return hex.length() <= SHOWN_CHARS
        ? "\"" + hex + "\""
        : "\"" + hex.substring(0, SHOWN_CHARS) + "…\" (" + hex.length() + " characters)";
  }
}
