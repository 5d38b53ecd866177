package dev.sightline.server.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Builds JSON responses, errors included: {@code {"status": 400, "error": "..."}}. */
public final class JsonResponses {
  private static final JsonFactory JSON = new JsonFactory();

  private JsonResponses() {}

  interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  static HttpResponse ok(Body body) {
    return of(HttpStatus.OK, body);
  }

  static HttpResponse of(HttpStatus status, Body body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return HttpResponse.of(status, MediaType.JSON_UTF_8, out.toByteArray());
  }

  public static HttpResponse error(HttpStatus status, String message) {
    return of(status, g -> {
      g.writeStartObject();
      g.writeNumberField("status", status.code());
      g.writeStringField("error", message);
      g.writeEndObject();
    });
  }
}
