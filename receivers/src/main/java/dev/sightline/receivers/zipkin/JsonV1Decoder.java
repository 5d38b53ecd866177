package dev.sightline.receivers.zipkin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Zipkin's v1 JSON ({@code POST /api/v1/spans}): the kind and times come from the core annotations
 * ({@code cs}/{@code cr} client, {@code sr}/{@code ss} server, {@code ms}/{@code mr} messaging),
 * the remote endpoint from the {@code sa}/{@code ca}/{@code ma} address annotations, tags from the
 * other binary annotations. A v1 span holding both client and server annotations becomes two v2
 * spans, the server one shared, as Zipkin's own v1 converter does.
 */
final class JsonV1Decoder {
  private static final Set<String> CORE = Set.of("cs", "cr", "sr", "ss", "ms", "mr");
  private static final Set<String> ADDRESSES = Set.of("sa", "ca", "ma");

  private JsonV1Decoder() {}

  static DecodedSpans decode(byte[] body) throws DecodedSpans.UnreadableBodyException {
    JsonNode root = JsonV2Decoder.readArray(body, "v1");
    List<ZipkinSpan> spans = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < root.size(); i++) {
      try {
        spans.addAll(spans(root.get(i)));
      } catch (IllegalArgumentException e) {
        problems.add("span[" + i + "]: " + e.getMessage());
      }
    }
    return new DecodedSpans(spans, problems);
  }

  private static List<ZipkinSpan> spans(JsonNode s) {
    if (!s.isObject()) {
      throw new IllegalArgumentException("a span is an object; got " + s.getNodeType());
    }
    var traceId = SpanIds.traceId("traceId", JsonV2Decoder.required(s, "traceId"));
    var id = SpanIds.spanId("id", JsonV2Decoder.required(s, "id"));
    String parent = JsonV2Decoder.text(s, "parentId");
    var parentId = parent == null || parent.isEmpty() ? null : SpanIds.spanId("parentId", parent);
    String name = JsonV2Decoder.orEmpty(JsonV2Decoder.text(s, "name"));
    Map<String, JsonNode> core = new LinkedHashMap<>();
    List<ZipkinSpan.Annotation> events = new ArrayList<>();
    ZipkinSpan.Endpoint anyEndpoint = null;
    for (JsonNode a : s.path("annotations")) {
      String value = JsonV2Decoder.orEmpty(JsonV2Decoder.text(a, "value"));
      long ts = JsonV2Decoder.micros(a, "annotation '" + value + "' timestamp", "timestamp");
      if (CORE.contains(value)) {
        core.put(value, a);
      } else {
        events.add(new ZipkinSpan.Annotation(ts, value));
      }
      anyEndpoint = anyEndpoint != null ? anyEndpoint : JsonV2Decoder.endpoint(a.get("endpoint"));
    }
    Map<String, String> tags = new LinkedHashMap<>();
    Map<String, ZipkinSpan.Endpoint> addresses = new LinkedHashMap<>();
    for (JsonNode b : s.path("binaryAnnotations")) {
      String key = JsonV2Decoder.required(b, "key");
      ZipkinSpan.Endpoint endpoint = JsonV2Decoder.endpoint(b.get("endpoint"));
      if (ADDRESSES.contains(key) && endpoint != null) {
        addresses.put(key, endpoint);
        continue;
      }
      JsonNode v = b.path("value");
      tags.put(key, v.isValueNode() ? v.asText() : v.toString());
      anyEndpoint = anyEndpoint != null ? anyEndpoint : endpoint;
    }
    Long timestamp = s.hasNonNull("timestamp") ? JsonV2Decoder.micros(s, "timestamp", "timestamp") : null;
    Long duration = s.hasNonNull("duration") ? JsonV2Decoder.micros(s, "duration", "duration") : null;
    List<ZipkinSpan> out = new ArrayList<>();
    boolean client = core.containsKey("cs") || core.containsKey("cr");
    boolean server = core.containsKey("sr") || core.containsKey("ss");
    if (client) {
      out.add(side(traceId, parentId, id, ZipkinSpan.Kind.CLIENT, name, core.get("cs"), core.get("cr"),
          timestamp, duration, addresses.get("sa"), events, tags, false, anyEndpoint));
    }
    if (server) {
      // With both sides in one v1 span the client owns timestamp and duration; the server side is shared.
      out.add(side(traceId, parentId, id, ZipkinSpan.Kind.SERVER, name, core.get("sr"), core.get("ss"),
          client ? null : timestamp, client ? null : duration, addresses.get("ca"), client ? List.of() : events,
          client ? Map.of() : tags, client || timestamp == null, anyEndpoint));
    }
    if (!client && !server) {
      boolean producer = core.containsKey("ms");
      boolean consumer = core.containsKey("mr");
      ZipkinSpan.Kind kind = producer ? ZipkinSpan.Kind.PRODUCER : consumer ? ZipkinSpan.Kind.CONSUMER : null;
      JsonNode begin = producer ? core.get("ms") : consumer ? core.get("mr") : null;
      out.add(side(traceId, parentId, id, kind, name, begin, null, timestamp, duration, addresses.get("ma"),
          events, tags, false, anyEndpoint));
    }
    return out;
  }

  private static ZipkinSpan side(com.google.protobuf.ByteString traceId, com.google.protobuf.@Nullable ByteString parentId,
      com.google.protobuf.ByteString id, ZipkinSpan.@Nullable Kind kind, String name, @Nullable JsonNode begin, @Nullable JsonNode end,
      @Nullable Long timestamp, @Nullable Long duration, ZipkinSpan.@Nullable Endpoint remote, List<ZipkinSpan.Annotation> events,
      Map<String, String> tags, boolean shared, ZipkinSpan.@Nullable Endpoint fallback) {
    Long start = timestamp != null ? timestamp : begin != null ? begin.get("timestamp").asLong() : null;
    if (start == null) {
      throw new IllegalArgumentException("timestamp is missing and no cs, sr, ms or mr annotation gives one");
    }
    long length = duration != null ? duration
        : begin != null && end != null ? Math.max(0, end.get("timestamp").asLong() - begin.get("timestamp").asLong()) : 0;
    ZipkinSpan.Endpoint local = begin != null ? JsonV2Decoder.endpoint(begin.get("endpoint"))
        : end != null ? JsonV2Decoder.endpoint(end.get("endpoint")) : null;
    return new ZipkinSpan(traceId, parentId, id, kind, name, start, length, local != null ? local : fallback,
        remote, events, tags, shared);
  }
}
