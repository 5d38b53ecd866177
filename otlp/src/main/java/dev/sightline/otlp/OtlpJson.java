package dev.sightline.otlp;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * OTLP/JSON as the OTLP specification defines it: the protobuf JSON mapping, except that trace
 * and span ids are hex strings (either case on input, lowercase on output). Keys may be
 * lowerCamelCase or the proto names, 64-bit integers strings or numbers, enums names or numbers;
 * unknown fields are ignored, as the specification requires. Duplicate keys are an error, since
 * the protobuf JSON mapping forbids them and which one wins would be a guess.
 */
public final class OtlpJson {
  private static final JsonFactory JSON =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  /** Only for finding where a body breaks the protobuf mapping, after decoding failed. */
  private static final ObjectMapper TREES = JsonMapper.builder(JSON)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
  private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
  private static final JsonFormat.Printer PRINTER =
      JsonFormat.printer().printingEnumsAsInts().omittingInsignificantWhitespace();

  private OtlpJson() {}

  /** @throws OtlpDecodeException saying what is wrong with the body and where */
  public static ExportTraceServiceRequest traces(byte[] utf8) {
    return decode(utf8, ExportTraceServiceRequest.newBuilder()).build();
  }

  /** @throws OtlpDecodeException saying what is wrong with the body and where */
  public static ExportMetricsServiceRequest metrics(byte[] utf8) {
    return decode(utf8, ExportMetricsServiceRequest.newBuilder()).build();
  }

  /** @throws OtlpDecodeException saying what is wrong with the body and where */
  public static ExportLogsServiceRequest logs(byte[] utf8) {
    return decode(utf8, ExportLogsServiceRequest.newBuilder()).build();
  }

  /**
   * Encodes an OTLP message, typically an export response, as compact OTLP/JSON: lowerCamelCase
   * keys, enums as numbers, ids as lowercase hex, fields with default values left out.
   *
   * @throws IllegalArgumentException for a message the protobuf JSON printer cannot encode, such
   *     as one holding a {@code google.protobuf.Any} of an unknown type
   */
  public static String print(Message message) {
    requireNonNull(message, "message");
    Descriptor type = message.getDescriptorForType();
    String json;
    try {
      json = PRINTER.print(message);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("cannot encode " + type.getFullName() + " as OTLP/JSON: " + e.getMessage(), e);
    }
    if (!ProtoFields.holdsIds(type)) {
      return json;
    }
    try (JsonParser p = JSON.createParser(json)) {
      p.nextToken();
      return rewrite(p, type, IdRewriter.BASE64_TO_HEX, json.length());
    } catch (IOException e) {
      throw new UncheckedIOException("the protobuf JSON printer wrote unreadable JSON", e);
    }
  }

  private static <B extends Message.Builder> B decode(byte[] utf8, B builder) {
    requireNonNull(utf8, "utf8");
    Descriptor type = builder.getDescriptorForType();
    String json = withBase64Ids(utf8, type);
    try {
      PARSER.merge(json, builder);
    } catch (InvalidProtocolBufferException e) {
      String where;
      try {
        where = DecodeErrorLocator.describe(TREES, PARSER, TREES.readTree(json), type, e);
      } catch (StreamConstraintsException tooDeep) {
        throw new OtlpDecodeException("the body exceeds a JSON limit: " + tooDeep.getOriginalMessage());
      } catch (IOException unexpected) {
        throw new UncheckedIOException(unexpected);
      }
      throw new OtlpDecodeException(where, e);
    }
    return builder;
  }

  /** The body as protobuf JSON, checked to be one JSON object and nothing else. */
  private static String withBase64Ids(byte[] utf8, Descriptor type) {
    try (JsonParser p = JSON.createParser(utf8)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new OtlpDecodeException("the body is empty; expected an OTLP/JSON object");
      }
      if (first != JsonToken.START_OBJECT) {
        throw new OtlpDecodeException("expected an OTLP/JSON object at the top level, got " + kind(first));
      }
      String json = rewrite(p, type, IdRewriter.HEX_TO_BASE64, utf8.length);
      if (p.nextToken() != null) {
        throw invalid(p.currentTokenLocation(), "unexpected content after the top-level object", null);
      }
      return json;
    } catch (StreamReadException e) {
      // Jackson names a redacted source in nested locations; the client knows which body it sent.
      String what = e.getOriginalMessage().replaceAll("\\[Source: [^;]*; ", "[");
      throw invalid(e.getLocation(), what, e);
    } catch (StreamConstraintsException e) {
      // Nesting, number or string length beyond Jackson's limits: bad input, said as such.
      throw new OtlpDecodeException("the body exceeds a JSON limit: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String rewrite(JsonParser p, Descriptor type, UnaryOperator<String> conversion, int sizeHint)
      throws IOException {
    StringWriter out = new StringWriter(sizeHint + 64);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      IdRewriter.copy(p, g, type, conversion);
    }
    return out.toString();
  }

  private static OtlpDecodeException invalid(@Nullable JsonLocation at, String what, @Nullable Throwable cause) {
    String where = at == null ? "" : " at line " + at.getLineNr() + " column " + at.getColumnNr();
    return new OtlpDecodeException("invalid JSON" + where + ": " + what, cause);
  }

  private static String kind(JsonToken token) {
    return switch (token) {
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> token.toString();
    };
  }
}
