package dev.sightline.receivers.otlp;

import com.google.protobuf.Message;
import com.linecorp.armeria.common.MediaType;
import dev.sightline.otlp.OtlpJson;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** The two OTLP/HTTP encodings; responses use the encoding of the request. */
enum BodyFormat {
  PROTOBUF(MediaType.create("application", "x-protobuf")),
  JSON(MediaType.JSON);

  private final MediaType mediaType;

  BodyFormat(MediaType mediaType) {
    this.mediaType = mediaType;
  }

  MediaType mediaType() {
    return mediaType;
  }

  static @Nullable BodyFormat of(@Nullable MediaType contentType) {
    if (contentType == null || !contentType.type().equals("application")) {
      return null;
    }
    return switch (contentType.subtype()) {
      case "x-protobuf", "protobuf" -> PROTOBUF;
      case "json" -> JSON;
      default -> null;
    };
  }

  byte[] encode(Message message) {
    return this == PROTOBUF ? message.toByteArray()
        : OtlpJson.print(message).getBytes(StandardCharsets.UTF_8);
  }
}
