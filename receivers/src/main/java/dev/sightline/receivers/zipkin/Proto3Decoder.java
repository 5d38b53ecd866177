package dev.sightline.receivers.zipkin;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Zipkin's {@code zipkin.proto3.ListOfSpans}, read field by field (numbers from zipkin-api's
 * {@code zipkin.proto}). Each span is decoded on its own so that one bad span does not lose the rest.
 */
final class Proto3Decoder {
  private static final ZipkinSpan.Kind[] KINDS = {null, ZipkinSpan.Kind.CLIENT, ZipkinSpan.Kind.SERVER,
      ZipkinSpan.Kind.PRODUCER, ZipkinSpan.Kind.CONSUMER};

  /** Field 1 (spans), length-delimited. */
  private static final int SPANS_TAG = 1 << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED;

  private Proto3Decoder() {}

  static DecodedSpans decode(byte[] body) throws DecodedSpans.UnreadableBodyException {
    List<ByteString> encoded = new ArrayList<>();
    try {
      CodedInputStream in = CodedInputStream.newInstance(body);
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        if (tag == SPANS_TAG) {
          encoded.add(in.readBytes());
        } else if (!in.skipField(tag)) {
          break;
        }
      }
    } catch (IOException e) {
      throw new DecodedSpans.UnreadableBodyException("the body is not a zipkin.proto3.ListOfSpans after "
          + encoded.size() + " spans: " + e.getMessage());
    }
    List<ZipkinSpan> spans = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < encoded.size(); i++) {
      try {
        spans.add(span(encoded.get(i).newCodedInput()));
      } catch (IllegalArgumentException | IOException e) {
        problems.add("span[" + i + "]: " + e.getMessage());
      }
    }
    return new DecodedSpans(spans, problems);
  }

  private static ZipkinSpan span(CodedInputStream in) throws IOException {
    ByteString traceId = ByteString.EMPTY;
    ByteString parentId = ByteString.EMPTY;
    ByteString id = ByteString.EMPTY;
    ZipkinSpan.Kind kind = null;
    String name = "";
    long timestamp = 0;
    long duration = 0;
    ZipkinSpan.Endpoint local = null;
    ZipkinSpan.Endpoint remote = null;
    List<ZipkinSpan.Annotation> annotations = new ArrayList<>();
    Map<String, String> tags = new LinkedHashMap<>();
    boolean shared = false;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 1 -> traceId = in.readBytes();
        case 2 -> parentId = in.readBytes();
        case 3 -> id = in.readBytes();
        case 4 -> {
          int k = in.readEnum();
          if (k < 0 || k >= KINDS.length) {
            throw new IllegalArgumentException("kind " + k + " is not one of 0-4 (unspecified, CLIENT, SERVER, PRODUCER, CONSUMER)");
          }
          kind = KINDS[k];
        }
        case 5 -> name = in.readString();
        case 6 -> timestamp = in.readFixed64();
        case 7 -> duration = in.readUInt64();
        case 8 -> local = endpoint(in.readBytes().newCodedInput());
        case 9 -> remote = endpoint(in.readBytes().newCodedInput());
        case 10 -> annotations.add(annotation(in.readBytes().newCodedInput()));
        case 11 -> entry(in.readBytes().newCodedInput(), tags);
        case 13 -> shared = in.readBool();
        default -> in.skipField(tag); // debug (12) and fields added later
      }
    }
    if (traceId.isEmpty() || id.isEmpty()) {
      throw new IllegalArgumentException(traceId.isEmpty() ? "traceId is missing" : "id is missing");
    }
    if (timestamp == 0) {
      throw new IllegalArgumentException("timestamp is missing; expected epoch microseconds");
    }
    if (duration < 0) {
      throw new IllegalArgumentException("duration " + Long.toUnsignedString(duration) + " is out of range");
    }
    return new ZipkinSpan(SpanIds.traceId("traceId", traceId), parentId.isEmpty() ? null : SpanIds.spanId("parentId", parentId),
        SpanIds.spanId("id", id), kind, name, timestamp, duration, local, remote, annotations, tags, shared);
  }

  private static ZipkinSpan.Endpoint endpoint(CodedInputStream in) throws IOException {
    String service = "";
    String ipv4 = "";
    String ipv6 = "";
    int port = 0;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 1 -> service = in.readString().toLowerCase(Locale.ROOT);
        case 2 -> ipv4 = address("ipv4", in.readBytes(), 4);
        case 3 -> ipv6 = address("ipv6", in.readBytes(), 16);
        case 4 -> port = in.readInt32();
        default -> in.skipField(tag);
      }
    }
    return new ZipkinSpan.Endpoint(service, ipv4, ipv6, port);
  }

  private static String address(String field, ByteString bytes, int size) {
    if (bytes.isEmpty()) {
      return "";
    }
    if (bytes.size() != size) {
      throw new IllegalArgumentException("endpoint " + field + " has " + bytes.size() + " bytes; expected " + size);
    }
    byte[] b = bytes.toByteArray();
    if (size == 4) {
      return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
    }
    return ipv6(b);
  }

  /** RFC 5952 text, as Zipkin's JSON carries it: lower hex, the longest run of zero groups as {@code ::}. */
  static String ipv6(byte[] b) {
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = (b[2 * i] & 0xff) << 8 | (b[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        out.append("::");
        i += bestLength - 1;
        continue;
      }
      if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
        out.append(':');
      }
      out.append(Integer.toHexString(groups[i]));
    }
    return out.toString();
  }

  private static ZipkinSpan.Annotation annotation(CodedInputStream in) throws IOException {
    long timestamp = 0;
    String value = "";
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 1 -> timestamp = in.readFixed64();
        case 2 -> value = in.readString();
        default -> in.skipField(tag);
      }
    }
    return new ZipkinSpan.Annotation(timestamp, value);
  }

  private static void entry(CodedInputStream in, Map<String, String> tags) throws IOException {
    String key = "";
    String value = "";
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 1 -> key = in.readString();
        case 2 -> value = in.readString();
        default -> in.skipField(tag);
      }
    }
    tags.put(key, value);
  }
}
