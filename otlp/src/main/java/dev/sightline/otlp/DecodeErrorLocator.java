package dev.sightline.otlp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Finds where a JSON tree breaks the protobuf JSON mapping. The protobuf parser says what was
 * wrong but not where, so on the error path only this walks the tree depth first, parses each
 * scalar field on its own, and reports the path of the first one that fails, such as
 * {@code resourceSpans[0].scopeSpans[0].spans[1].startTimeUnixNano: Not an uint64 value: "soon"}.
 * Each scalar is parsed once, so the walk costs about as much as one more decode.
 */
final class DecodeErrorLocator {
  private static final int MAX_MESSAGE_CHARS = 200;

  private final ObjectMapper mapper;
  private final JsonFormat.Parser parser;

  private DecodeErrorLocator(ObjectMapper mapper, JsonFormat.Parser parser) {
    this.mapper = mapper;
    this.parser = parser;
  }

  static String describe(ObjectMapper mapper, JsonFormat.Parser parser, JsonNode root, Descriptor type,
      InvalidProtocolBufferException error) {
    String found = new DecodeErrorLocator(mapper, parser).find(root, type, "");
    return found != null ? found : "the request is not valid OTLP/JSON: " + shortened(error.getMessage());
  }

  private static String where(String path) {
    return path.isEmpty() ? "the request" : path;
  }

  /** The protobuf parser quotes the offending value, which may be a whole subtree. */
  private static String shortened(@Nullable String message) {
    String text = String.valueOf(message);
    return text.length() <= MAX_MESSAGE_CHARS ? text : text.substring(0, MAX_MESSAGE_CHARS) + "…";
  }

  private @Nullable String find(JsonNode node, Descriptor type, String path) {
    Map<FieldDescriptor, String> keys = new HashMap<>();
    Map<OneofDescriptor, String> oneofs = new HashMap<>();
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      FieldDescriptor field = ProtoFields.byKey(type, entry.getKey());
      if (field == null) {
        continue;
      }
      String key = entry.getKey();
      String here = path.isEmpty() ? key : path + "." + key;
      JsonNode value = entry.getValue();
      String twice = keys.put(field, key);
      if (twice != null) {
        return where(path) + ": the field is given twice, as \"" + twice + "\" and as \"" + key + "\"";
      }
      OneofDescriptor oneof = field.getRealContainingOneof();
      String other = oneof == null || value.isNull() ? null : oneofs.put(oneof, key);
      if (other != null) {
        return where(path) + ": both \"" + other + "\" and \"" + key + "\" are set, but only one of them may be";
      }
      String problem = ProtoFields.isMessage(field) ? inMessage(field, value, here) : alone(type, key, value, here);
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  private @Nullable String inMessage(FieldDescriptor field, JsonNode value, String path) {
    if (!field.isRepeated() && value.isObject()) {
      return find(value, field.getMessageType(), path);
    }
    if (!field.isRepeated() || !value.isArray()) {
      return alone(field.getContainingType(), field.getJsonName(), value, path);
    }
    for (int i = 0; i < value.size(); i++) {
      JsonNode element = value.get(i);
      String problem = element.isObject()
          ? find(element, field.getMessageType(), path + "[" + i + "]")
          : alone(field.getContainingType(), field.getJsonName(), mapper.createArrayNode().add(element),
              path + "[" + i + "]");
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  private @Nullable String alone(Descriptor type, String key, JsonNode value, String path) {
    ObjectNode single = mapper.createObjectNode().set(key, value);
    try {
      parser.merge(mapper.writeValueAsString(single), DynamicMessage.newBuilder(type));
      return null;
    } catch (InvalidProtocolBufferException e) {
      return path + ": " + shortened(e.getMessage());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
