package dev.sightline.receivers.zipkin;

import com.google.protobuf.ByteString;

/** Zipkin's lower-hex ids to bytes: trace ids of 16 or 32 digits, span ids of 16 (shorter ones left-padded). */
final class SpanIds {
  private SpanIds() {}

  /** The 16 bytes of a trace id; a 64-bit id becomes the low half of a 128-bit one. */
  static ByteString traceId(String field, String hex) {
    if (hex.isEmpty() || hex.length() > 32) {
      throw new IllegalArgumentException(field + " '" + hex + "' is not 16 or 32 hex digits");
    }
    return parse(field, hex, 16);
  }

  static ByteString spanId(String field, String hex) {
    if (hex.isEmpty() || hex.length() > 16) {
      throw new IllegalArgumentException(field + " '" + hex + "' is not 16 hex digits");
    }
    return parse(field, hex, 8);
  }

  /** Binary ids from proto3, where a trace id has 8 or 16 bytes and a span id 8. */
  static ByteString traceId(String field, ByteString bytes) {
    if (bytes.size() == 8) {
      return ByteString.copyFrom(new byte[8]).concat(bytes);
    }
    if (bytes.size() != 16) {
      throw new IllegalArgumentException(field + " has " + bytes.size() + " bytes; expected 8 or 16");
    }
    return bytes;
  }

  static ByteString spanId(String field, ByteString bytes) {
    if (bytes.size() != 8) {
      throw new IllegalArgumentException(field + " has " + bytes.size() + " bytes; expected 8");
    }
    return bytes;
  }

  private static ByteString parse(String field, String hex, int bytes) {
    byte[] out = new byte[bytes];
    int digits = bytes * 2;
    int offset = digits - hex.length();
    for (int i = 0; i < hex.length(); i++) {
      int d = Character.digit(hex.charAt(i), 16);
      if (d < 0) {
        throw new IllegalArgumentException(field + " '" + hex + "' is not hex: '" + hex.charAt(i) + "' at " + i);
      }
      int pos = offset + i;
      out[pos / 2] |= (byte) (pos % 2 == 0 ? d << 4 : d);
    }
    boolean zero = true;
    for (byte b : out) {
      zero &= b == 0;
    }
    if (zero) {
      throw new IllegalArgumentException(field + " is all zeros");
    }
    return ByteString.copyFrom(out);
  }
}
