package dev.sightline.receivers.zipkin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Zipkin's v2 JSON: an array of span objects, as {@code zipkin2.codec.SpanBytesEncoder.JSON_V2} writes it. */
final class JsonV2Decoder {
  static final ObjectMapper JSON = new ObjectMapper();

  private JsonV2Decoder() {}

  static DecodedSpans decode(byte[] body) throws DecodedSpans.UnreadableBodyException {
    JsonNode root = readArray(body, "v2");
    List<ZipkinSpan> spans = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < root.size(); i++) {
      try {
        spans.add(span(root.get(i)));
      } catch (IllegalArgumentException e) {
        problems.add("span[" + i + "]: " + e.getMessage());
      }
    }
    return new DecodedSpans(spans, problems);
  }

  static JsonNode readArray(byte[] body, String version) throws DecodedSpans.UnreadableBodyException {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new DecodedSpans.UnreadableBodyException("the body is not JSON: " + e.getOriginalMessage()
          + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
    } catch (IOException e) {
      throw new DecodedSpans.UnreadableBodyException("the body could not be read: " + e.getMessage());
    }
    if (root == null || !root.isArray()) {
      throw new DecodedSpans.UnreadableBodyException("a Zipkin " + version + " JSON body is an array of spans; got "
          + (root == null || root.isMissingNode() ? "nothing" : root.getNodeType().name().toLowerCase(Locale.ROOT)));
    }
    return root;
  }

  private static ZipkinSpan span(JsonNode s) {
    if (!s.isObject()) {
      throw new IllegalArgumentException("a span is an object; got " + s.getNodeType().name().toLowerCase(Locale.ROOT));
    }
    String parent = text(s, "parentId");
    String kind = text(s, "kind");
    ZipkinSpan.Kind k;
    try {
      k = kind == null ? null : ZipkinSpan.Kind.valueOf(kind);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("kind '" + kind + "' is not one of CLIENT, SERVER, PRODUCER, CONSUMER");
    }
    List<ZipkinSpan.Annotation> annotations = new ArrayList<>();
    for (JsonNode a : s.path("annotations")) {
      annotations.add(new ZipkinSpan.Annotation(micros(a, "annotations.timestamp", "timestamp"), orEmpty(text(a, "value"))));
    }
    Map<String, String> tags = new LinkedHashMap<>();
    s.path("tags").properties().forEach(e -> tags.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
    return new ZipkinSpan(
        SpanIds.traceId("traceId", required(s, "traceId")),
        parent == null || parent.isEmpty() ? null : SpanIds.spanId("parentId", parent),
        SpanIds.spanId("id", required(s, "id")),
        k,
        orEmpty(text(s, "name")),
        micros(s, "timestamp", "timestamp"),
        s.has("duration") ? micros(s, "duration", "duration") : 0,
        endpoint(s.get("localEndpoint")),
        endpoint(s.get("remoteEndpoint")),
        annotations,
        tags,
        s.path("shared").asBoolean(false));
  }

  static ZipkinSpan.@Nullable Endpoint endpoint(@Nullable JsonNode e) {
    if (e == null || !e.isObject()) {
      return null;
    }
    return new ZipkinSpan.Endpoint(orEmpty(text(e, "serviceName")).toLowerCase(Locale.ROOT), orEmpty(text(e, "ipv4")),
        orEmpty(text(e, "ipv6")), e.path("port").asInt(0));
  }

  static long micros(JsonNode node, String field, String name) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException(field + " is missing; expected epoch microseconds");
    }
    if (!v.canConvertToLong() || v.asLong() < 0) {
      throw new IllegalArgumentException(field + " " + v + " is not a non-negative whole number of microseconds");
    }
    return v.asLong();
  }

  static String required(JsonNode node, String name) {
    String v = text(node, name);
    if (v == null || v.isEmpty()) {
      throw new IllegalArgumentException(name + " is missing");
    }
    return v;
  }

  static @Nullable String text(JsonNode node, String name) {
    JsonNode v = node.get(name);
    return v == null || v.isNull() ? null : v.asText();
  }

  static String orEmpty(@Nullable String s) {
    return s == null ? "" : s;
  }
}
