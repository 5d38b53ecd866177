package dev.sightline.otlp;

import com.google.protobuf.ByteString;
import org.jspecify.annotations.Nullable;

/** The W3C Trace Context rules for ids: 16-byte trace ids, 8-byte span ids, never all zeros. */
final class IdChecks {
  static final int TRACE_ID_BYTES = 16;
  static final int SPAN_ID_BYTES = 8;

  private IdChecks() {}

  /** The problem with an id that must be present, or null. */
  static @Nullable String required(String field, ByteString id, int bytes) {
    if (id.size() != bytes) {
      return field + " must be " + bytes + " bytes (" + 2 * bytes + " hex digits), got " + id.size();
    }
    return Ids.isAllZero(id) ? field + " is all zeros" : null;
  }

  /** The problem with an id that may be left empty, or null. */
  static @Nullable String optional(String field, ByteString id, int bytes) {
    if (id.isEmpty()) {
      return null;
    }
    if (id.size() != bytes) {
      return field + " must be empty or " + bytes + " bytes (" + 2 * bytes + " hex digits), got " + id.size();
    }
    return Ids.isAllZero(id) ? field + " is all zeros" : null;
  }
}
