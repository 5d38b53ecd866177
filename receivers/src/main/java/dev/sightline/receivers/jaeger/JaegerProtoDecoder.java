package dev.sightline.receivers.jaeger;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code jaeger.api_v2.PostSpansRequest}, read field by field (numbers from jaeger-idl's
 * {@code model.proto} and {@code collector.proto}). Each span is decoded on its own so that one bad
 * span does not lose the others.
 */
final class JaegerProtoDecoder {
  private JaegerProtoDecoder() {}

  static DecodedBatch decode(byte[] body) throws DecodedBatch.UnreadableBodyException {
    List<ByteString> encoded = new ArrayList<>();
    JaegerSpan.Process batchProcess = null;
    try {
      CodedInputStream request = CodedInputStream.newInstance(body);
      for (int tag = request.readTag(); tag != 0; tag = request.readTag()) {
        if (WireFormat.getTagFieldNumber(tag) != 1) { // batch
          request.skipField(tag);
          continue;
        }
        CodedInputStream batch = request.readBytes().newCodedInput();
        for (int t = batch.readTag(); t != 0; t = batch.readTag()) {
          switch (WireFormat.getTagFieldNumber(t)) {
            case 1 -> encoded.add(batch.readBytes());
            case 2 -> batchProcess = process(batch.readBytes().newCodedInput());
            default -> batch.skipField(t);
          }
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new DecodedBatch.UnreadableBodyException("the body is not a jaeger.api_v2.PostSpansRequest after "
          + encoded.size() + " spans: " + e.getMessage());
    }
    List<JaegerSpan> spans = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < encoded.size(); i++) {
      try {
        JaegerSpan s = span(encoded.get(i).newCodedInput());
        JaegerSpan.Process p = s.process() != null ? s.process() : batchProcess;
        if (p == null) {
          throw new IllegalArgumentException("has no process, and neither has its batch");
        }
        spans.add(s.withProcess(p));
      } catch (IllegalArgumentException | ArithmeticException | IOException e) {
        problems.add("span[" + i + "]: " + e.getMessage());
      }
    }
    return new DecodedBatch(spans, problems);
  }

  private static JaegerSpan span(CodedInputStream in) throws IOException {
    ByteString traceId = ByteString.EMPTY;
    ByteString spanId = ByteString.EMPTY;
    String name = "";
    List<JaegerSpan.Reference> refs = new ArrayList<>();
    long start = 0;
    long duration = 0;
    List<KeyValue> tags = new ArrayList<>();
    List<JaegerSpan.Log> logs = new ArrayList<>();
    JaegerSpan.Process process = null;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 1 -> traceId = in.readBytes();
        case 2 -> spanId = in.readBytes();
        case 3 -> name = in.readString();
        case 4 -> refs.add(reference(in.readBytes().newCodedInput()));
        case 6 -> start = nanos(in.readBytes().newCodedInput());
        case 7 -> duration = nanos(in.readBytes().newCodedInput());
        case 8 -> tags.add(keyValue(in.readBytes().newCodedInput()));
        case 9 -> logs.add(log(in.readBytes().newCodedInput()));
        case 10 -> process = process(in.readBytes().newCodedInput());
        default -> in.skipField(tag); // flags, process_id, warnings
      }
    }
    if (start <= 0) {
      throw new IllegalArgumentException("start_time is missing");
    }
    if (duration < 0) {
      throw new IllegalArgumentException("duration is negative");
    }
    return new JaegerSpan(JaegerIds.traceId("trace_id", traceId), JaegerIds.spanId("span_id", spanId),
        ByteString.EMPTY, name, refs, start, duration, tags, logs, process);
  }

  private static JaegerSpan.Reference reference(CodedInputStream in) throws IOException {
    ByteString traceId = ByteString.EMPTY;
    ByteString spanId = ByteString.EMPTY;
    int type = 0;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 1 -> traceId = in.readBytes();
        case 2 -> spanId = in.readBytes();
        case 3 -> type = in.readEnum();
        default -> in.skipField(tag);
      }
    }
    return new JaegerSpan.Reference(type == 1 ? JaegerSpan.RefType.FOLLOWS_FROM : JaegerSpan.RefType.CHILD_OF,
        JaegerIds.traceId("references.trace_id", traceId), JaegerIds.spanId("references.span_id", spanId));
  }

  private static JaegerSpan.Log log(CodedInputStream in) throws IOException {
    long time = 0;
    List<KeyValue> fields = new ArrayList<>();
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 1 -> time = nanos(in.readBytes().newCodedInput());
        case 2 -> fields.add(keyValue(in.readBytes().newCodedInput()));
        default -> in.skipField(tag);
      }
    }
    return new JaegerSpan.Log(time, fields);
  }

  static JaegerSpan.Process process(CodedInputStream in) throws IOException {
    String service = "";
    List<KeyValue> tags = new ArrayList<>();
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 1 -> service = in.readString();
        case 2 -> tags.add(keyValue(in.readBytes().newCodedInput()));
        default -> in.skipField(tag);
      }
    }
    return new JaegerSpan.Process(service, tags);
  }

  /** A KeyValue; the value is the field its {@code v_type} names (STRING, BOOL, INT64, FLOAT64, BINARY). */
  private static KeyValue keyValue(CodedInputStream in) throws IOException {
    String key = "";
    int type = 0;
    String str = "";
    boolean bool = false;
    long int64 = 0;
    double float64 = 0;
    ByteString binary = ByteString.EMPTY;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 1 -> key = in.readString();
        case 2 -> type = in.readEnum();
        case 3 -> str = in.readString();
        case 4 -> bool = in.readBool();
        case 5 -> int64 = in.readInt64();
        case 6 -> float64 = in.readDouble();
        case 7 -> binary = in.readBytes();
        default -> in.skipField(tag);
      }
    }
    AnyValue value = switch (type) {
      case 0 -> AnyValue.newBuilder().setStringValue(str).build();
      case 1 -> AnyValue.newBuilder().setBoolValue(bool).build();
      case 2 -> AnyValue.newBuilder().setIntValue(int64).build();
      case 3 -> AnyValue.newBuilder().setDoubleValue(float64).build();
      case 4 -> AnyValue.newBuilder().setBytesValue(binary).build();
      default -> throw new IllegalArgumentException("tag '" + key + "' has unknown v_type " + type);
    };
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }

  /** A google.protobuf.Timestamp or Duration (seconds = 1, nanos = 2) in nanoseconds. */
  private static long nanos(CodedInputStream in) throws IOException {
    long seconds = 0;
    int nanos = 0;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 1 -> seconds = in.readInt64();
        case 2 -> nanos = in.readInt32();
        default -> in.skipField(tag);
      }
    }
    return Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), nanos);
  }
}
