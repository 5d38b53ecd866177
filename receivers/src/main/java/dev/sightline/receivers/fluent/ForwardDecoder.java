package dev.sightline.receivers.fluent;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ArrayValue;
import org.msgpack.value.ExtensionValue;
import org.msgpack.value.MapValue;
import org.msgpack.value.Value;
import org.msgpack.value.ValueFactory;

/**
 * Decodes the four modes of Forward Protocol v1, told apart by the second element: a time
 * (Message {@code [tag, time, record, option?]}), an array (Forward {@code [tag, [[time, record],
 * ...], option?]}) or bytes (PackedForward {@code [tag, entries, option?]}, the entries being
 * concatenated msgpack {@code [time, record]} arrays, gzip-compressed when the option says
 * {@code compressed: "gzip"}, possibly as several gzip members). A bad entry is reported and skipped
 * so the good ones of the same message are kept; a message whose shape is not Forward at all is
 * {@link Malformed}, after which the connection cannot be trusted.
 */
final class ForwardDecoder {
  /** Fluentd's EventTime: extension type 0, 4 bytes of seconds and 4 of nanoseconds, big-endian. */
  static final byte EVENT_TIME_TYPE = 0;
  private static final Value CHUNK = ValueFactory.newString("chunk");
  private static final Value COMPRESSED = ValueFactory.newString("compressed");
  private static final Value SIGNAL = ValueFactory.newString("fluent_signal");
  private final long maxBytes;
  private final BoundedValueReader reader;

  ForwardDecoder(long maxBytes) {
    this.maxBytes = maxBytes;
    this.reader = new BoundedValueReader(maxBytes);
  }

  /** Not a Forward message: the sender speaks something else, so the connection is closed. */
  static final class Malformed extends Exception {
    Malformed(String message) {
      super(message);
    }
  }

  ForwardMessage decode(Value message) throws Malformed {
    if (!message.isArrayValue()) {
      throw new Malformed("expected a Forward message [tag, time or entries, ...], got " + type(message));
    }
    ArrayValue a = message.asArrayValue();
    if (a.size() < 2 || a.size() > 4) {
      throw new Malformed("expected a Forward message of 2 to 4 elements [tag, time or entries, ...], got " + a.size());
    }
    if (!a.get(0).isRawValue()) {
      throw new Malformed("the tag (element 0) must be a string, got " + type(a.get(0)));
    }
    String tag = a.get(0).asRawValue().toString();
    Value second = a.get(1);
    List<ForwardMessage.Event> events = new ArrayList<>();
    Skipped problems = new Skipped();
    boolean messageMode = second.isIntegerValue() || second.isExtensionValue() || second.isFloatValue();
    if (!messageMode && !second.isArrayValue() && !second.isRawValue()) {
      throw new Malformed("element 1 must be a time, an array of entries or packed entries, got " + type(second));
    }
    if (messageMode && a.size() < 3) {
      throw new Malformed("a Message mode message [tag, time, record] has no record");
    }
    MapValue option = option(a, messageMode ? 3 : 2);
    Value signal = option.map().get(SIGNAL);
    if (signal != null && signal.isIntegerValue() && !signal.toString().equals("0")) {
      // Fluent Bit sends metrics (1) and traces (2) as its own encodings, not [time, record] entries.
      problems.add("fluent_signal " + signal + " (metrics or traces) is not taken over Forward; send them over OTLP");
    } else if (messageMode) {
      event(0, second, a.get(2), events, problems);
    } else if (second.isArrayValue()) {
      int i = 0;
      for (Value entry : second.asArrayValue()) {
        entry(i++, entry, events, problems);
      }
    } else {
      unpack(second.asRawValue().asByteArray(), compression(option), events, problems);
    }
    Value chunk = option.map().get(CHUNK);
    return new ForwardMessage(tag, events, problems.count, problems.first,
        chunk != null && chunk.isRawValue() ? chunk.asRawValue().toString() : null);
  }

  private static MapValue option(ArrayValue a, int index) throws Malformed {
    if (a.size() <= index || a.get(index).isNilValue()) {
      return ValueFactory.emptyMap();
    }
    if (!a.get(index).isMapValue()) {
      throw new Malformed("the option (element " + index + ") must be a map, got " + type(a.get(index)));
    }
    return a.get(index).asMapValue();
  }

  private static boolean compression(MapValue option) throws Malformed {
    Value c = option.map().get(COMPRESSED);
    if (c == null || c.isNilValue() || c.toString().equals("text")) {
      return false;
    }
    if (c.toString().equals("gzip")) {
      return true;
    }
    throw new Malformed("option compressed '" + c + "' is not supported; use gzip or text");
  }

  /** The entries of a PackedForward message; those before a broken one are kept. */
  private void unpack(byte[] packed, boolean gzip, List<ForwardMessage.Event> events, Skipped problems) {
    int i = 0;
    try {
      InputStream in = new ByteArrayInputStream(packed);
      if (gzip) {
        in = new Capped(new GZIPInputStream(in), maxBytes);
      }
      try (MessageUnpacker entries = MessagePack.newDefaultUnpacker(in)) {
        while (entries.hasNext()) {
          Value entry = reader.read(entries);
          if (!entry.isArrayValue()) {
            // Packed entries are concatenated arrays; anything else means the rest is out of step.
            throw new IOException("expected [time, record], got " + type(entry));
          }
          entry(i++, entry, events, problems);
        }
      }
    } catch (IOException | MessagePackException e) {
      problems.add("entry " + i + " and any after it: packed entries unreadable (" + e.getMessage() + ")");
    }
  }

  private static void entry(int index, Value entry, List<ForwardMessage.Event> events, Skipped problems) {
    if (!entry.isArrayValue() || entry.asArrayValue().size() != 2) {
      problems.add("entry " + index + ": expected [time, record], got " + type(entry));
      return;
    }
    event(index, entry.asArrayValue().get(0), entry.asArrayValue().get(1), events, problems);
  }

  private static void event(int index, Value time, Value record, List<ForwardMessage.Event> events, Skipped problems) {
    if (!record.isMapValue()) {
      problems.add("entry " + index + ": the record must be a map, got " + type(record));
      return;
    }
    try {
      events.add(new ForwardMessage.Event(nanos(time), record.asMapValue()));
    } catch (IllegalArgumentException e) {
      problems.add("entry " + index + ": " + e.getMessage());
    }
  }

  /**
   * Integer seconds, EventTime, or (as some clients send) fractional seconds, as Unix nanoseconds;
   * also Fluent Bit's {@code [time, metadata]} pair, which it sends when told to keep metadata.
   */
  static long nanos(Value time) {
    if (time.isArrayValue() && time.asArrayValue().size() == 2 && time.asArrayValue().get(1).isMapValue()
        && !time.asArrayValue().get(0).isArrayValue()) {
      return nanos(time.asArrayValue().get(0));
    }
    if (time.isIntegerValue() && time.asIntegerValue().isInLongRange()) {
      long seconds = time.asIntegerValue().toLong();
      if (seconds >= 0 && seconds < Long.MAX_VALUE / 1_000_000_000L) {
        return seconds * 1_000_000_000L;
      }
    } else if (time.isExtensionValue()) {
      ExtensionValue ext = time.asExtensionValue();
      if (ext.getType() == EVENT_TIME_TYPE && ext.getData().length == 8) {
        ByteBuffer b = ByteBuffer.wrap(ext.getData());
        long seconds = Integer.toUnsignedLong(b.getInt());
        long nanos = Integer.toUnsignedLong(b.getInt());
        if (nanos < 1_000_000_000L) {
          return seconds * 1_000_000_000L + nanos;
        }
      }
    } else if (time.isFloatValue()) {
      double seconds = time.asFloatValue().toDouble();
      if (seconds >= 0 && seconds < 9.2e9) {
        return Math.round(seconds * 1e9);
      }
    }
    throw new IllegalArgumentException("time " + time.toJson() + " (" + type(time)
        + ") is not Unix seconds or an EventTime (extension type 0 of 8 bytes)");
  }

  static String type(Value v) {
    return v.isExtensionValue() ? "extension type " + v.asExtensionValue().getType()
        : v.getValueType().name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Counts every skipped entry, describes the first few. */
  private static final class Skipped {
    int count;
    final List<String> first = new ArrayList<>();

    void add(String problem) {
      if (count++ < ForwardMessage.MAX_PROBLEMS) {
        first.add(problem);
      }
    }
  }

  /** Stops a small gzip body from inflating past the message limit. */
  private static final class Capped extends FilterInputStream {
    private final long max;
    private long read;

    Capped(InputStream in, long max) {
      super(in);
      this.max = max;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      count(b < 0 ? 0 : 1);
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      count(Math.max(n, 0));
      return n;
    }

    private void count(int n) throws IOException {
      read += n;
      if (read > max) {
        throw new BoundedValueReader.TooLarge("gzip entries inflate past the limit of " + max + " bytes per message");
      }
    }
  }
}
