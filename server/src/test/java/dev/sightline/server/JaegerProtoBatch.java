package dev.sightline.server;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes a {@code jaeger.api_v2.PostSpansRequest} field by field from jaeger-idl's
 * {@code model.proto}, as a Jaeger agent or the Collector's Jaeger exporter sends it; no Jaeger
 * gRPC client library is published for Java.
 */
final class JaegerProtoBatch {
  private final List<byte[]> spans = new ArrayList<>();
  private byte[] process = new byte[0];

  JaegerProtoBatch process(String service, String... tagPairs) {
    process = message(out -> {
      out.writeString(1, service);
      for (int i = 0; i < tagPairs.length; i += 2) {
        out.writeByteArray(2, stringTag(tagPairs[i], tagPairs[i + 1]));
      }
    });
    return this;
  }

  /** A span; {@code tags} are key/value pairs where a Long value is an INT64 tag and anything else a STRING. */
  JaegerProtoBatch span(byte[] traceId, byte[] spanId, String name, long startNanos, long durationNanos,
      byte[] childOf, List<Object> tags, String logEvent) {
    spans.add(message(out -> {
      out.writeByteArray(1, traceId);
      out.writeByteArray(2, spanId);
      out.writeString(3, name);
      if (childOf.length > 0) {
        out.writeByteArray(4, message(ref -> {
          ref.writeByteArray(1, traceId);
          ref.writeByteArray(2, childOf);
          ref.writeEnum(3, 0);
        }));
      }
      out.writeByteArray(6, time(startNanos));
      out.writeByteArray(7, time(durationNanos));
      for (int i = 0; i < tags.size(); i += 2) {
        String key = (String) tags.get(i);
        out.writeByteArray(8, tags.get(i + 1) instanceof Long l ? intTag(key, l) : stringTag(key, String.valueOf(tags.get(i + 1))));
      }
      if (!logEvent.isEmpty()) {
        out.writeByteArray(9, message(log -> {
          log.writeByteArray(1, time(startNanos + 1_000));
          log.writeByteArray(2, stringTag("event", logEvent));
          log.writeByteArray(2, intTag("attempt", 2));
        }));
      }
    }));
    return this;
  }

  byte[] toRequest() {
    byte[] batch = message(out -> {
      for (byte[] s : spans) {
        out.writeByteArray(1, s);
      }
      if (process.length > 0) {
        out.writeByteArray(2, process);
      }
    });
    return message(out -> out.writeByteArray(1, batch));
  }

  private static byte[] time(long nanos) {
    return message(out -> {
      out.writeInt64(1, nanos / 1_000_000_000L);
      out.writeInt32(2, (int) (nanos % 1_000_000_000L));
    });
  }

  private static byte[] stringTag(String key, String value) {
    return message(out -> {
      out.writeString(1, key);
      out.writeString(3, value);
    });
  }

  private static byte[] intTag(String key, long value) {
    return message(out -> {
      out.writeString(1, key);
      out.writeEnum(2, 2);
      out.writeInt64(5, value);
    });
  }

  private interface Writer {
    void write(CodedOutputStream out) throws IOException;
  }

  static byte[] message(Writer writer) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    try {
      writer.write(out);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
