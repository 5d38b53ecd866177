package dev.sightline.receivers.loki;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The protobuf push body (after snappy): {@code logproto.PushRequest} — streams (1) of a label
 * string (1) and entries (2), each entry a {@code google.protobuf.Timestamp} (1), a line (2) and
 * structured metadata name/value pairs (3).
 */
final class LokiProto {
  private LokiProto() {}

  static LokiStream.Decoded decode(byte[] raw) throws IOException {
    List<LokiStream> streams = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    CodedInputStream in = CodedInputStream.newInstance(raw);
    int index = 0;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (WireFormat.getTagFieldNumber(tag) != 1) {
        in.skipField(tag);
        continue;
      }
      CodedInputStream s = in.readBytes().newCodedInput();
      String labelText = "";
      List<LokiStream.Entry> entries = new ArrayList<>();
      for (int t = s.readTag(); t != 0; t = s.readTag()) {
        switch (WireFormat.getTagFieldNumber(t)) {
          case 1 -> labelText = s.readStringRequireUtf8();
          case 2 -> entries.add(entry(s.readBytes().newCodedInput()));
          default -> s.skipField(t);
        }
      }
      try {
        streams.add(new LokiStream(LabelString.parse(labelText), entries));
      } catch (IllegalArgumentException e) {
        problems.add("streams[" + index + "]: " + e.getMessage());
      }
      index++;
    }
    return new LokiStream.Decoded(streams, problems);
  }

  private static LokiStream.Entry entry(CodedInputStream in) throws IOException {
    long seconds = 0;
    int nanos = 0;
    String line = "";
    Map<String, String> metadata = new LinkedHashMap<>();
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 1 -> {
          CodedInputStream ts = in.readBytes().newCodedInput();
          for (int t = ts.readTag(); t != 0; t = ts.readTag()) {
            switch (WireFormat.getTagFieldNumber(t)) {
              case 1 -> seconds = ts.readInt64();
              case 2 -> nanos = ts.readInt32();
              default -> ts.skipField(t);
            }
          }
        }
        case 2 -> line = in.readStringRequireUtf8();
        case 3 -> {
          CodedInputStream pair = in.readBytes().newCodedInput();
          String name = "";
          String value = "";
          for (int t = pair.readTag(); t != 0; t = pair.readTag()) {
            switch (WireFormat.getTagFieldNumber(t)) {
              case 1 -> name = pair.readStringRequireUtf8();
              case 2 -> value = pair.readStringRequireUtf8();
              default -> pair.skipField(t);
            }
          }
          metadata.put(name, value);
        }
        default -> in.skipField(tag);
      }
    }
    return new LokiStream.Entry(seconds * 1_000_000_000L + nanos, line, metadata);
  }
}
