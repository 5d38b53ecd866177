package dev.sightline.storage.clickhouse;

import com.google.protobuf.ByteString;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Rows in ClickHouse's RowBinary format: little-endian numbers, varint-prefixed strings. */
final class RowBinaryOutput {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
  private int rows;

  void uint8(int value) {
    out.write(value);
  }

  void uint16(int value) {
    out.write(value);
    out.write(value >>> 8);
  }

  /** UInt64 or Int64: the same eight bytes. */
  void int64(long value) {
    for (int i = 0; i < 8; i++) {
      out.write((int) (value >>> (8 * i)));
    }
  }

  void float64(double value) {
    int64(Double.doubleToRawLongBits(value));
  }

  void string(String value) {
    bytes(value.getBytes(StandardCharsets.UTF_8));
  }

  void bytes(byte[] value) {
    varint(value.length);
    out.writeBytes(value);
  }

  void bytes(ByteString value) {
    varint(value.size());
    out.writeBytes(value.toByteArray());
  }

  /** FixedString(n): padded with zero bytes or cut to n. */
  void fixed(ByteString value, int n) {
    out.writeBytes(padded(value, n).toByteArray());
  }

  /** Array(UInt8). */
  void uint8s(List<Integer> values) {
    varint(values.size());
    values.forEach(this::uint8);
  }

  void strings(List<String> values) {
    varint(values.size());
    values.forEach(this::string);
  }

  /** Date: days since 1970-01-01 of a time in epoch nanoseconds. */
  void day(long epochNanos) {
    uint16((int) Math.min(65535, Long.divideUnsigned(epochNanos, 86_400_000_000_000L)));
  }

  void endRow() {
    rows++;
  }

  int rows() {
    return rows;
  }

  int size() {
    return out.size();
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }

  void reset() {
    out.reset();
    rows = 0;
  }

  static ByteString padded(ByteString value, int n) {
    if (value.size() == n) {
      return value;
    }
    byte[] padded = new byte[n];
    value.substring(0, Math.min(n, value.size())).copyTo(padded, 0);
    return ByteString.copyFrom(padded);
  }

  private void varint(long value) {
    long v = value;
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }
}
