package dev.sightline.receivers.jaeger;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;

/** Jaeger ids as OTLP bytes: 128-bit trace ids (a 64-bit one is the low half), 64-bit span ids, never all zeros. */
final class JaegerIds {
  private static final ByteString EIGHT_ZEROS = ByteString.copyFrom(new byte[8]);

  private JaegerIds() {}

  /** Thrift's two signed halves. */
  static ByteString traceId(String field, long high, long low) {
    if (high == 0 && low == 0) {
      throw new IllegalArgumentException(field + " is zero");
    }
    return ByteString.copyFrom(ByteBuffer.allocate(16).putLong(high).putLong(low).flip());
  }

  static ByteString spanId(String field, long id) {
    if (id == 0) {
      throw new IllegalArgumentException(field + " is zero");
    }
    return ByteString.copyFrom(ByteBuffer.allocate(8).putLong(id).flip());
  }

  /** Proto's bytes: 16, or 8 for a 64-bit trace id. */
  static ByteString traceId(String field, ByteString bytes) {
    ByteString id = bytes.size() == 8 ? EIGHT_ZEROS.concat(bytes) : bytes;
    if (id.size() != 16) {
      throw new IllegalArgumentException(field + " has " + bytes.size() + " bytes; expected 16 (or 8)");
    }
    return nonZero(field, id);
  }

  static ByteString spanId(String field, ByteString bytes) {
    if (bytes.size() != 8) {
      throw new IllegalArgumentException(field + " has " + bytes.size() + " bytes; expected 8");
    }
    return nonZero(field, bytes);
  }

  private static ByteString nonZero(String field, ByteString id) {
    for (int i = 0; i < id.size(); i++) {
      if (id.byteAt(i) != 0) {
        return id;
      }
    }
    throw new IllegalArgumentException(field + " is all zeros");
  }
}
