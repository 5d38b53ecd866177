package dev.sightline.otlp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A compact, typed JSON form of OTLP attributes and values, used for storage and the query API:
 * attributes become an object {@code {"key": value}}, strings, booleans and arrays map to their
 * JSON kinds, kvlists to objects, ints to integer numbers, doubles to numbers that always carry a
 * fraction or exponent (so {@code 2.0} stays a double), bytes to {@code {"$bytes": base64}} and
 * non-finite doubles to {@code {"$double": "NaN"}}. Decoding restores the exact protobuf values,
 * keeping key order.
 */
public final class AnyValueJson {
  private static final JsonFactory JSON = new JsonFactory();
  private static final String BYTES = "$bytes";
  private static final String DOUBLE = "$double";

  private AnyValueJson() {}

  public static String attributes(List<KeyValue> attributes) {
    return CompactJsonWriter.attributes(attributes);
  }

  public static String value(AnyValue value) {
    return CompactJsonWriter.value(value);
  }

  public static List<KeyValue> parseAttributes(String json) {
    return read(json, p -> {
      expect(p, p.nextToken(), JsonToken.START_OBJECT);
      return readKeyValues(p);
    });
  }

  public static AnyValue parseValue(String json) {
    return read(json, p -> readValue(p, p.nextToken()));
  }

  /** Writes attributes as a JSON object into an existing generator (for API responses). */
  public static void writeKeyValues(JsonGenerator g, List<KeyValue> attributes) throws IOException {
    g.writeStartObject();
    for (KeyValue kv : attributes) {
      g.writeFieldName(kv.getKey());
      writeValue(g, kv.getValue());
    }
    g.writeEndObject();
  }

  /** Writes one value in the compact form into an existing generator. */
  public static void writeValue(JsonGenerator g, AnyValue v) throws IOException {
    switch (v.getValueCase()) {
      case STRING_VALUE -> g.writeString(v.getStringValue());
      case BOOL_VALUE -> g.writeBoolean(v.getBoolValue());
      case INT_VALUE -> g.writeNumber(v.getIntValue());
      case DOUBLE_VALUE -> writeDouble(g, v.getDoubleValue());
      case BYTES_VALUE -> {
        g.writeStartObject();
        g.writeStringField(BYTES, Base64.getEncoder().encodeToString(v.getBytesValue().toByteArray()));
        g.writeEndObject();
      }
      case ARRAY_VALUE -> {
        g.writeStartArray();
        for (AnyValue element : v.getArrayValue().getValuesList()) {
          writeValue(g, element);
        }
        g.writeEndArray();
      }
      case KVLIST_VALUE -> writeKeyValues(g, v.getKvlistValue().getValuesList());
      case VALUE_NOT_SET -> g.writeNull();
    }
  }

  private static void writeDouble(JsonGenerator g, double d) throws IOException {
    if (Double.isFinite(d)) {
      // Double.toString always has a '.' or an exponent, which is what tells a double from an int.
      g.writeNumber(Double.toString(d));
    } else {
      g.writeStartObject();
      g.writeStringField(DOUBLE, Double.toString(d));
      g.writeEndObject();
    }
  }

  private static List<KeyValue> readKeyValues(JsonParser p) throws IOException {
    List<KeyValue> out = new ArrayList<>();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
      expect(p, t, JsonToken.FIELD_NAME);
      String key = p.currentName();
      out.add(KeyValue.newBuilder().setKey(key).setValue(readValue(p, p.nextToken())).build());
    }
    return out;
  }

  private static AnyValue readValue(JsonParser p, JsonToken t) throws IOException {
    AnyValue.Builder b = AnyValue.newBuilder();
    switch (t) {
      case VALUE_STRING -> b.setStringValue(p.getText());
      case VALUE_TRUE, VALUE_FALSE -> b.setBoolValue(t == JsonToken.VALUE_TRUE);
      case VALUE_NUMBER_INT -> b.setIntValue(p.getLongValue());
      case VALUE_NUMBER_FLOAT -> b.setDoubleValue(Double.parseDouble(p.getText()));
      case VALUE_NULL -> {}
      case START_ARRAY -> {
        ArrayValue.Builder array = ArrayValue.newBuilder();
        for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
          array.addValues(readValue(p, e));
        }
        b.setArrayValue(array);
      }
      case START_OBJECT -> {
        List<KeyValue> entries = readKeyValues(p);
        if (entries.size() == 1 && isMarker(entries.get(0), BYTES)) {
          b.setBytesValue(ByteString.copyFrom(
              Base64.getDecoder().decode(entries.get(0).getValue().getStringValue())));
        } else if (entries.size() == 1 && isMarker(entries.get(0), DOUBLE)) {
          b.setDoubleValue(Double.parseDouble(entries.get(0).getValue().getStringValue()));
        } else {
          b.setKvlistValue(KeyValueList.newBuilder().addAllValues(entries));
        }
      }
      default -> throw new IOException("unexpected JSON token " + t);
    }
    return b.build();
  }

  private static boolean isMarker(KeyValue kv, String marker) {
    return kv.getKey().equals(marker) && kv.getValue().hasStringValue();
  }

  private static void expect(JsonParser p, JsonToken actual, JsonToken expected) throws IOException {
    if (actual != expected) {
      throw new IOException("expected " + expected + " but found " + actual + " at " + p.currentLocation());
    }
  }

  private interface Reading<T> {
    T apply(JsonParser p) throws IOException;
  }

  private static <T> T read(String json, Reading<T> body) {
    try (JsonParser p = JSON.createParser(json)) {
      return body.apply(p);
    } catch (IOException e) {
      throw new IllegalArgumentException("stored attribute JSON is malformed: " + e.getMessage(), e);
    }
  }
}
