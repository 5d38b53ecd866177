package dev.sightline.otlp;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Copies a JSON object token by token, converting the trace and span id fields between the hex
 * of OTLP/JSON and the base64 of the protobuf JSON mapping. The message descriptor guides it, so
 * only real id fields change, wherever they occur (spans, links, log records, exemplars), and
 * subtrees without ids, such as attributes, are copied without a look. Numbers keep their exact
 * text, so that a 64-bit integer written as {@code 1.7672256000000001e18} stays exact.
 */
final class IdRewriter {
  static final UnaryOperator<String> HEX_TO_BASE64 =
      hex -> Base64.getEncoder().encodeToString(Ids.fromHex(hex).toByteArray());
  static final UnaryOperator<String> BASE64_TO_HEX =
      base64 -> Ids.toHex(ByteString.copyFrom(Base64.getDecoder().decode(base64)));

  private IdRewriter() {}

  /**
   * Copies the object that starts at the parser's current {@code START_OBJECT} token.
   *
   * @throws OtlpDecodeException naming the field path when an id is not a string or the
   *     conversion rejects it
   */
  static void copy(JsonParser p, JsonGenerator g, Descriptor type, UnaryOperator<String> conversion)
      throws IOException {
    copyObject(p, g, type, null, conversion);
  }

  private static void copyObject(JsonParser p, JsonGenerator g, Descriptor type, @Nullable Step at,
      UnaryOperator<String> conversion) throws IOException {
    g.writeStartObject();
    for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
      String key = p.currentName();
      g.writeFieldName(key);
      JsonToken value = p.nextToken();
      FieldDescriptor field = ProtoFields.byKey(type, key);
      if (field != null && ProtoFields.isId(field) && value != JsonToken.VALUE_NULL) {
        g.writeString(convert(p, new Step(at, key, -1), conversion));
      } else if (field != null && ProtoFields.isMessage(field) && ProtoFields.holdsIds(field.getMessageType())) {
        copyMessages(p, g, field.getMessageType(), new Step(at, key, -1), conversion);
      } else {
        copyAsIs(p, g);
      }
    }
    g.writeEndObject();
  }

  /** Copies a message field's value: an object, an array of objects, or whatever else was sent. */
  private static void copyMessages(JsonParser p, JsonGenerator g, Descriptor type, Step at,
      UnaryOperator<String> conversion) throws IOException {
    if (p.currentToken() == JsonToken.START_OBJECT) {
      copyObject(p, g, type, at, conversion);
    } else if (p.currentToken() == JsonToken.START_ARRAY) {
      g.writeStartArray();
      int i = 0;
      for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), i++) {
        if (t == JsonToken.START_OBJECT) {
          copyObject(p, g, type, new Step(at, null, i), conversion);
        } else {
          copyAsIs(p, g);
        }
      }
      g.writeEndArray();
    } else {
      copyAsIs(p, g);
    }
  }

  private static String convert(JsonParser p, Step at, UnaryOperator<String> conversion) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      // the protobuf parser would take the number 123 for the base64 text "123"
      String got = switch (p.currentToken()) {
        case START_OBJECT -> "an object";
        case START_ARRAY -> "an array";
        case VALUE_TRUE, VALUE_FALSE -> "a boolean";
        default -> "number " + p.getText();
      };
      throw new OtlpDecodeException(at + ": expected a hex string, got " + got);
    }
    try {
      return conversion.apply(p.getText());
    } catch (IllegalArgumentException e) {
      throw new OtlpDecodeException(at + ": " + e.getMessage(), e);
    }
  }

  /** Copies the value at the current token, without recursion, numbers in their exact text. */
  private static void copyAsIs(JsonParser p, JsonGenerator g) throws IOException {
    int depth = 0;
    JsonToken t = p.currentToken();
    while (true) {
      switch (t) {
        case START_OBJECT -> { g.writeStartObject(); depth++; }
        case START_ARRAY -> { g.writeStartArray(); depth++; }
        case END_OBJECT -> { g.writeEndObject(); depth--; }
        case END_ARRAY -> { g.writeEndArray(); depth--; }
        case FIELD_NAME -> g.writeFieldName(p.currentName());
        case VALUE_STRING -> g.writeString(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> g.writeNumber(p.getText());
        case VALUE_TRUE, VALUE_FALSE -> g.writeBoolean(t == JsonToken.VALUE_TRUE);
        case VALUE_NULL -> g.writeNull();
        case null, default -> throw new IOException("unexpected JSON token " + t + " at " + p.currentLocation());
      }
      if (depth == 0) {
        return;
      }
      t = p.nextToken();
    }
  }

  /** A field path, rendered only when an error needs it, such as {@code spans[2].traceId}. */
  private record Step(@Nullable Step parent, @Nullable String key, int index) {
    @Override
    public String toString() {
      List<Step> steps = new ArrayList<>();
      for (Step s = this; s != null; s = s.parent()) {
        steps.add(s);
      }
      StringBuilder out = new StringBuilder();
      for (int i = steps.size() - 1; i >= 0; i--) {
        Step s = steps.get(i);
        if (s.key() == null) {
          out.append('[').append(s.index()).append(']');
        } else {
          out.append(out.isEmpty() ? "" : ".").append(s.key());
        }
      }
      return out.toString();
    }
  }
}
