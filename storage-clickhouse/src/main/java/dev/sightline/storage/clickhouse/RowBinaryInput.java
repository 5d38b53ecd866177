package dev.sightline.storage.clickhouse;

import com.google.protobuf.ByteString;
import dev.sightline.storage.StorageException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads an answer in RowBinary; the caller knows the column types in order. */
final class RowBinaryInput {
  private final byte[] data;
  private int at;

  RowBinaryInput(byte[] data) {
    this.data = data;
  }

  boolean hasMore() {
    return at < data.length;
  }

  int uint8() {
    need(1);
    return data[at++] & 0xff;
  }

  /** UInt64 or Int64. */
  long int64() {
    need(8);
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v |= (data[at++] & 0xffL) << (8 * i);
    }
    return v;
  }

  double float64() {
    return Double.longBitsToDouble(int64());
  }

  String string() {
    int n = length();
    String s = new String(data, at, n, StandardCharsets.UTF_8);
    at += n;
    return s;
  }

  ByteString bytes() {
    int n = length();
    ByteString b = ByteString.copyFrom(data, at, n);
    at += n;
    return b;
  }

  ByteString fixed(int n) {
    need(n);
    ByteString b = ByteString.copyFrom(data, at, n);
    at += n;
    return b;
  }

  /** Array(UInt8). */
  List<Integer> uint8s() {
    int n = length();
    List<Integer> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(uint8());
    }
    return out;
  }

  List<String> strings() {
    int n = length();
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(string());
    }
    return out;
  }

  private int length() {
    long value = 0;
    for (int shift = 0; ; shift += 7) {
      int b = uint8();
      value |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        break;
      }
    }
    need(value);
    return (int) value;
  }

  private void need(long n) {
    if (at + n > data.length) {
      throw new StorageException("ClickHouse answer ends early at byte " + at + " of " + data.length);
    }
  }
}
