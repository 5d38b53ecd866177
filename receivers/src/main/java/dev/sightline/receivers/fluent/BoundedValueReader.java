package dev.sightline.receivers.fluent;

import java.io.IOException;
import org.msgpack.core.ExtensionTypeHeader;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ImmutableValue;
import org.msgpack.value.Value;
import org.msgpack.value.ValueFactory;

/**
 * Reads one msgpack value, refusing it before allocating when it declares more than the byte budget
 * or nests too deeply. msgpack-core's own {@code unpackValue} trusts the declared lengths, so a
 * five-byte header claiming a 4 GiB string or a 4-billion-entry array would exhaust the heap.
 */
final class BoundedValueReader {
  static final int MAX_DEPTH = 64;
  private final long maxBytes;

  BoundedValueReader(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** A value that cannot be read within the limits; the stream is no longer in step after it. */
  static final class TooLarge extends IOException {
    TooLarge(String message) {
      super(message);
    }
  }

  /** The next value; every element takes at least one byte, so lengths are checked against the budget. */
  Value read(MessageUnpacker in) throws IOException {
    return read(in, in.getTotalReadBytes(), 0);
  }

  private Value read(MessageUnpacker in, long start, int depth) throws IOException {
    if (depth > MAX_DEPTH) {
      throw new TooLarge("values nest deeper than " + MAX_DEPTH + " levels");
    }
    return switch (in.getNextFormat().getValueType()) {
      case STRING -> ValueFactory.newString(in.readPayload(checked(in, start, in.unpackRawStringHeader(), "string")), true);
      case BINARY -> ValueFactory.newBinary(in.readPayload(checked(in, start, in.unpackBinaryHeader(), "binary")), true);
      case EXTENSION -> {
        ExtensionTypeHeader h = in.unpackExtensionTypeHeader();
        yield ValueFactory.newExtension(h.getType(), in.readPayload(checked(in, start, h.getLength(), "extension")));
      }
      case ARRAY -> {
        Value[] items = new Value[checked(in, start, in.unpackArrayHeader(), "array")];
        for (int i = 0; i < items.length; i++) {
          items[i] = read(in, start, depth + 1);
        }
        yield ValueFactory.newArray(items, true);
      }
      case MAP -> {
        Value[] kvs = new Value[checked(in, start, 2L * in.unpackMapHeader(), "map")];
        for (int i = 0; i < kvs.length; i++) {
          kvs[i] = read(in, start, depth + 1);
        }
        yield ValueFactory.newMap(kvs, true);
      }
      default -> {
        ImmutableValue scalar = in.unpackValue();
        checked(in, start, 0, "value");
        yield scalar;
      }
    };
  }

  /** The length, when that many more bytes (at least) still fit in the budget. */
  private int checked(MessageUnpacker in, long start, long length, String what) throws TooLarge {
    long used = in.getTotalReadBytes() - start;
    if (length < 0 || used + length > maxBytes) {
      throw new TooLarge(what + " of " + length + " elements or bytes at byte " + used
          + " goes past the limit of " + maxBytes + " bytes per message");
    }
    return (int) length;
  }
}
