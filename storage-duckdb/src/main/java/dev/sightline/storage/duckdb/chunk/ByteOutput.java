package dev.sightline.storage.duckdb.chunk;

import java.util.Arrays;

/** A growing byte array with LEB128 varints and zigzag-encoded signed varints. */
final class ByteOutput {
  private byte[] bytes;
  private int size;

  ByteOutput(int capacity) {
    bytes = new byte[Math.max(16, capacity)];
  }

  void writeByte(int b) {
    ensure(1);
    bytes[size++] = (byte) b;
  }

  void writeVarint(long value) {
    ensure(10);
    long v = value;
    while ((v & ~0x7FL) != 0) {
      bytes[size++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    bytes[size++] = (byte) v;
  }

  void writeZigzag(long value) {
    writeVarint((value << 1) ^ (value >> 63));
  }

  void writeLong(long value) {
    ensure(8);
    for (int i = 0; i < 8; i++) {
      bytes[size++] = (byte) (value >>> (8 * i));
    }
  }

  void write(byte[] b, int offset, int length) {
    ensure(length);
    System.arraycopy(b, offset, bytes, size, length);
    size += length;
  }

  int size() {
    return size;
  }

  byte[] array() {
    return bytes;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  static int zigzagSize(long value) {
    long v = (value << 1) ^ (value >> 63);
    return v == 0 ? 1 : (63 - Long.numberOfLeadingZeros(v)) / 7 + 1;
  }

  private void ensure(int more) {
    if (size + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
  }
}
