package dev.sightline.receivers.jaeger;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code jaeger.thrift} {@code Batch} in Thrift's binary protocol, as Jaeger clients post it to
 * {@code /api/traces} (field ids from jaeger-idl's {@code thrift/jaeger.thrift}; times are in
 * microseconds). The structure must read as a whole; a span whose ids or times are wrong is left
 * out and reported, and the others are kept.
 */
final class JaegerThriftDecoder {
  private static final ByteString NO_PARENT = ByteString.EMPTY;

  private JaegerThriftDecoder() {}

  /** A span as read, checked after the whole batch has been read. */
  private record RawSpan(long traceIdLow, long traceIdHigh, long spanId, long parentSpanId, String name,
      List<RawRef> refs, long startMicros, long durationMicros, List<KeyValue> tags, List<JaegerSpan.Log> logs) {}

  private record RawRef(int type, long traceIdLow, long traceIdHigh, long spanId) {}

  static DecodedBatch decode(byte[] body) throws DecodedBatch.UnreadableBodyException {
    ThriftReader in = new ThriftReader(body);
    JaegerSpan.Process process = null;
    List<RawSpan> raw = new ArrayList<>();
    try {
      for (ThriftReader.Field f = in.field(); f.type() != ThriftReader.STOP; f = in.field()) {
        if (f.id() == 1 && f.type() == ThriftReader.STRUCT) {
          process = process(in);
        } else if (f.id() == 2 && f.type() == ThriftReader.LIST) {
          int n = in.list(ThriftReader.STRUCT, "Batch.spans");
          for (int i = 0; i < n; i++) {
            raw.add(span(in));
          }
        } else {
          in.skip(f.type());
        }
      }
    } catch (ThriftReader.MalformedException e) {
      throw new DecodedBatch.UnreadableBodyException("the body is not a Thrift binary jaeger.Batch: " + e.getMessage());
    }
    if (process == null) {
      throw new DecodedBatch.UnreadableBodyException("the jaeger.Batch has no process (field 1), which is required");
    }
    List<JaegerSpan> spans = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      try {
        spans.add(checked(raw.get(i), process));
      } catch (IllegalArgumentException | ArithmeticException e) {
        problems.add("span[" + i + "]: " + e.getMessage());
      }
    }
    return new DecodedBatch(spans, problems);
  }

  private static JaegerSpan checked(RawSpan s, JaegerSpan.Process process) {
    if (s.startMicros() <= 0) {
      throw new IllegalArgumentException("startTime is missing");
    }
    if (s.durationMicros() < 0) {
      throw new IllegalArgumentException("duration is negative");
    }
    List<JaegerSpan.Reference> refs = new ArrayList<>();
    for (RawRef r : s.refs()) {
      refs.add(new JaegerSpan.Reference(r.type() == 1 ? JaegerSpan.RefType.FOLLOWS_FROM : JaegerSpan.RefType.CHILD_OF,
          JaegerIds.traceId("references.traceId", r.traceIdHigh(), r.traceIdLow()),
          JaegerIds.spanId("references.spanId", r.spanId())));
    }
    return new JaegerSpan(JaegerIds.traceId("traceId", s.traceIdHigh(), s.traceIdLow()),
        JaegerIds.spanId("spanId", s.spanId()),
        s.parentSpanId() == 0 ? NO_PARENT : JaegerIds.spanId("parentSpanId", s.parentSpanId()),
        s.name(), refs, Math.multiplyExact(s.startMicros(), 1_000L), Math.multiplyExact(s.durationMicros(), 1_000L),
        s.tags(), s.logs(), process);
  }

  private static RawSpan span(ThriftReader in) throws ThriftReader.MalformedException {
    long low = 0;
    long high = 0;
    long id = 0;
    long parent = 0;
    String name = "";
    List<RawRef> refs = new ArrayList<>();
    long start = 0;
    long duration = 0;
    List<KeyValue> tags = new ArrayList<>();
    List<JaegerSpan.Log> logs = new ArrayList<>();
    for (ThriftReader.Field f = in.field(); f.type() != ThriftReader.STOP; f = in.field()) {
      switch (f.id() << 8 | f.type()) {
        case 1 << 8 | ThriftReader.I64 -> low = in.readI64();
        case 2 << 8 | ThriftReader.I64 -> high = in.readI64();
        case 3 << 8 | ThriftReader.I64 -> id = in.readI64();
        case 4 << 8 | ThriftReader.I64 -> parent = in.readI64();
        case 5 << 8 | ThriftReader.STRING -> name = in.readString();
        case 6 << 8 | ThriftReader.LIST -> {
          int n = in.list(ThriftReader.STRUCT, "Span.references");
          for (int i = 0; i < n; i++) {
            refs.add(reference(in));
          }
        }
        case 8 << 8 | ThriftReader.I64 -> start = in.readI64();
        case 9 << 8 | ThriftReader.I64 -> duration = in.readI64();
        case 10 << 8 | ThriftReader.LIST -> tags = tags(in, "Span.tags");
        case 11 << 8 | ThriftReader.LIST -> {
          int n = in.list(ThriftReader.STRUCT, "Span.logs");
          for (int i = 0; i < n; i++) {
            logs.add(log(in));
          }
        }
        default -> in.skip(f.type()); // flags and anything newer
      }
    }
    return new RawSpan(low, high, id, parent, name, refs, start, duration, tags, logs);
  }

  private static RawRef reference(ThriftReader in) throws ThriftReader.MalformedException {
    int type = 0;
    long low = 0;
    long high = 0;
    long id = 0;
    for (ThriftReader.Field f = in.field(); f.type() != ThriftReader.STOP; f = in.field()) {
      switch (f.id() << 8 | f.type()) {
        case 1 << 8 | ThriftReader.I32 -> type = in.readI32();
        case 2 << 8 | ThriftReader.I64 -> low = in.readI64();
        case 3 << 8 | ThriftReader.I64 -> high = in.readI64();
        case 4 << 8 | ThriftReader.I64 -> id = in.readI64();
        default -> in.skip(f.type());
      }
    }
    return new RawRef(type, low, high, id);
  }

  private static JaegerSpan.Log log(ThriftReader in) throws ThriftReader.MalformedException {
    long micros = 0;
    List<KeyValue> fields = List.of();
    for (ThriftReader.Field f = in.field(); f.type() != ThriftReader.STOP; f = in.field()) {
      switch (f.id() << 8 | f.type()) {
        case 1 << 8 | ThriftReader.I64 -> micros = in.readI64();
        case 2 << 8 | ThriftReader.LIST -> fields = tags(in, "Log.fields");
        default -> in.skip(f.type());
      }
    }
    return new JaegerSpan.Log(micros * 1_000L, fields);
  }

  private static JaegerSpan.Process process(ThriftReader in) throws ThriftReader.MalformedException {
    String service = "";
    List<KeyValue> tags = List.of();
    for (ThriftReader.Field f = in.field(); f.type() != ThriftReader.STOP; f = in.field()) {
      switch (f.id() << 8 | f.type()) {
        case 1 << 8 | ThriftReader.STRING -> service = in.readString();
        case 2 << 8 | ThriftReader.LIST -> tags = tags(in, "Process.tags");
        default -> in.skip(f.type());
      }
    }
    return new JaegerSpan.Process(service, tags);
  }

  private static List<KeyValue> tags(ThriftReader in, String what) throws ThriftReader.MalformedException {
    int n = in.list(ThriftReader.STRUCT, what);
    List<KeyValue> tags = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      tags.add(tag(in));
    }
    return tags;
  }

  /** A Tag; the value is the field its {@code vType} names (STRING, DOUBLE, BOOL, LONG, BINARY). */
  private static KeyValue tag(ThriftReader in) throws ThriftReader.MalformedException {
    String key = "";
    int type = 0;
    AnyValue.Builder str = AnyValue.newBuilder().setStringValue("");
    AnyValue.Builder dbl = AnyValue.newBuilder().setDoubleValue(0);
    AnyValue.Builder bool = AnyValue.newBuilder().setBoolValue(false);
    AnyValue.Builder lng = AnyValue.newBuilder().setIntValue(0);
    AnyValue.Builder bin = AnyValue.newBuilder().setBytesValue(ByteString.EMPTY);
    for (ThriftReader.Field f = in.field(); f.type() != ThriftReader.STOP; f = in.field()) {
      switch (f.id() << 8 | f.type()) {
        case 1 << 8 | ThriftReader.STRING -> key = in.readString();
        case 2 << 8 | ThriftReader.I32 -> type = in.readI32();
        case 3 << 8 | ThriftReader.STRING -> str.setStringValue(in.readString());
        case 4 << 8 | ThriftReader.DOUBLE -> dbl.setDoubleValue(in.readDouble());
        case 5 << 8 | ThriftReader.BOOL -> bool.setBoolValue(in.readBool());
        case 6 << 8 | ThriftReader.I64 -> lng.setIntValue(in.readI64());
        case 7 << 8 | ThriftReader.STRING -> bin.setBytesValue(ByteString.copyFrom(in.readBinary()));
        default -> in.skip(f.type());
      }
    }
    AnyValue.Builder value = switch (type) {
      case 0 -> str;
      case 1 -> dbl;
      case 2 -> bool;
      case 3 -> lng;
      case 4 -> bin;
      default -> throw new ThriftReader.MalformedException("tag '" + key + "' has unknown vType " + type);
    };
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }
}
