package dev.sightline.storage.duckdb.chunk;

/** Reads what {@link ByteOutput} wrote; running off the end is a corrupt chunk. */
final class ByteInput {
  private final byte[] bytes;
  private final int end;
  private int position;

  ByteInput(byte[] bytes, int offset, int end) {
    this.bytes = bytes;
    this.position = offset;
    this.end = end;
  }

  int readByte() {
    check(1);
    return bytes[position++] & 0xFF;
  }

  long readVarint() {
    if (position < end && bytes[position] >= 0) {
      return bytes[position++]; // one byte, by far the most common in a steady series
    }
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = readByte();
      result |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
    }
    throw new IllegalArgumentException("corrupt chunk: varint longer than 10 bytes");
  }

  long readZigzag() {
    long v = readVarint();
    return (v >>> 1) ^ -(v & 1);
  }

  long readLong() {
    check(8);
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v |= (long) (bytes[position++] & 0xFF) << (8 * i);
    }
    return v;
  }

  int position() {
    return position;
  }

  private void check(int n) {
    if (position + n > end) {
      throw new IllegalArgumentException("corrupt chunk: ends at byte " + end + " while reading " + n + " more");
    }
  }
}
