package dev.sightline.receivers.jaeger;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads Thrift's binary protocol (big-endian; strings and lists prefixed by an i32 length), as
 * Jaeger clients send it over HTTP. Every length is checked against what is left, so a hostile
 * length cannot make it allocate more than the body.
 */
final class ThriftReader {
  static final byte STOP = 0;
  static final byte BOOL = 2;
  static final byte BYTE = 3;
  static final byte DOUBLE = 4;
  static final byte I16 = 6;
  static final byte I32 = 8;
  static final byte I64 = 10;
  static final byte STRING = 11;
  static final byte STRUCT = 12;
  static final byte MAP = 13;
  static final byte SET = 14;
  static final byte LIST = 15;
  private static final int MAX_DEPTH = 32;

  /** The body is not valid Thrift binary protocol, or not the struct expected. */
  static final class MalformedException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedException(String message) {
      super(message, null, false, false);
    }
  }

  /** A field header: its type and id; {@link #STOP} ends a struct. */
  record Field(byte type, short id) {}

  private final ByteBuffer in;

  ThriftReader(byte[] body) {
    this.in = ByteBuffer.wrap(body);
  }

  Field field() throws MalformedException {
    byte type = readByte();
    return type == STOP ? new Field(STOP, (short) 0) : new Field(type, readI16());
  }

  /** A list header; returns its size after checking the element type. */
  int list(byte expectedElement, String what) throws MalformedException {
    byte element = readByte();
    int size = count(what);
    if (element != expectedElement) {
      throw new MalformedException(what + " holds elements of Thrift type " + element + ", not " + expectedElement);
    }
    return size;
  }

  boolean readBool() throws MalformedException {
    return readByte() != 0;
  }

  byte readByte() throws MalformedException {
    try {
      return in.get();
    } catch (BufferUnderflowException e) {
      throw truncated();
    }
  }

  short readI16() throws MalformedException {
    try {
      return in.getShort();
    } catch (BufferUnderflowException e) {
      throw truncated();
    }
  }

  int readI32() throws MalformedException {
    try {
      return in.getInt();
    } catch (BufferUnderflowException e) {
      throw truncated();
    }
  }

  long readI64() throws MalformedException {
    try {
      return in.getLong();
    } catch (BufferUnderflowException e) {
      throw truncated();
    }
  }

  double readDouble() throws MalformedException {
    return Double.longBitsToDouble(readI64());
  }

  byte[] readBinary() throws MalformedException {
    int length = readI32();
    if (length < 0 || length > in.remaining()) {
      throw new MalformedException("a string of " + length + " bytes where " + in.remaining() + " are left");
    }
    byte[] bytes = new byte[length];
    in.get(bytes);
    return bytes;
  }

  String readString() throws MalformedException {
    return new String(readBinary(), StandardCharsets.UTF_8);
  }

  /** Skips a value of a field this reader does not know, so newer clients' additions are ignored. */
  void skip(byte type) throws MalformedException {
    skip(type, 0);
  }

  private void skip(byte type, int depth) throws MalformedException {
    if (depth > MAX_DEPTH) {
      throw new MalformedException("values nested deeper than " + MAX_DEPTH);
    }
    switch (type) {
      case BOOL, BYTE -> readByte();
      case I16 -> readI16();
      case I32 -> readI32();
      case I64, DOUBLE -> readI64();
      case STRING -> readBinary();
      case STRUCT -> {
        for (Field f = field(); f.type() != STOP; f = field()) {
          skip(f.type(), depth + 1);
        }
      }
      case MAP -> {
        byte key = readByte();
        byte value = readByte();
        int size = count("a collection");
        for (int i = 0; i < size; i++) {
          skip(key, depth + 1);
          skip(value, depth + 1);
        }
      }
      case SET, LIST -> {
        byte element = readByte();
        int size = count("a collection");
        for (int i = 0; i < size; i++) {
          skip(element, depth + 1);
        }
      }
      default -> throw new MalformedException("unknown Thrift type " + type + " at byte " + in.position());
    }
  }

  private int count(String what) throws MalformedException {
    int size = readI32();
    if (size < 0 || size > in.remaining()) {
      throw new MalformedException(what + " claims " + size + " elements where " + in.remaining() + " bytes are left");
    }
    return size;
  }

  private MalformedException truncated() {
    return new MalformedException("the body ends in the middle of a value at byte " + in.position());
  }
}
