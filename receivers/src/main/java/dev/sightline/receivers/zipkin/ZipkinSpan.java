package dev.sightline.receivers.zipkin;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One Zipkin v2 span as decoded from any of the wire formats. Ids are already in their binary
 * form, trace ids 16 bytes (a 64-bit id is left-padded with zeros). Times are in microseconds, as
 * Zipkin sends them.
 */
record ZipkinSpan(
    ByteString traceId,
    @Nullable ByteString parentId,
    ByteString id,
    @Nullable Kind kind,
    String name,
    long timestampMicros,
    long durationMicros,
    @Nullable Endpoint localEndpoint,
    @Nullable Endpoint remoteEndpoint,
    List<Annotation> annotations,
    Map<String, String> tags,
    boolean shared) {

  enum Kind { CLIENT, SERVER, PRODUCER, CONSUMER }

  /** A Zipkin endpoint; empty strings and port 0 stand for absent fields. */
  record Endpoint(String serviceName, String ipv4, String ipv6, int port) {}

  record Annotation(long timestampMicros, String value) {}
}
