package dev.sightline.server.api;

import static dev.sightline.server.api.JsonResponses.error;
import static dev.sightline.server.api.JsonResponses.ok;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.ServerBuilder;
import dev.sightline.pipeline.processor.FieldDecryption;
import java.io.IOException;
import java.util.List;

/**
 * {@code POST /api/v1/fields/decrypt}: the plaintext of a value that a {@code classify} processor
 * encrypted. Off unless {@code api.decrypt.enabled} is set, because until roles exist anyone who
 * reaches the API could use it.
 */
public final class DecryptApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<FieldDecryption> decryptions;
  private final boolean enabled;

  public DecryptApi(List<FieldDecryption> decryptions, boolean enabled) {
    this.decryptions = List.copyOf(decryptions);
    this.enabled = enabled;
  }

  public void register(ServerBuilder sb) {
    sb.route().path("/api/v1/fields/decrypt").methods(HttpMethod.POST).build((ctx, req) ->
        HttpResponse.of(req.aggregate().thenApply(r -> decrypt(r.contentUtf8()))));
  }

  private HttpResponse decrypt(String body) {
    if (!enabled) {
      return error(HttpStatus.FORBIDDEN, "field decryption is disabled; set api.decrypt.enabled=true and restrict who can reach the API");
    }
    String token;
    try {
      JsonNode value = JSON.readTree(body).path("value");
      if (!value.isTextual()) {
        return error(HttpStatus.BAD_REQUEST, "value: expected the encrypted text, e.g. {\"value\": \"enc:v1:...\"}");
      }
      token = value.asText();
    } catch (IOException e) {
      return error(HttpStatus.BAD_REQUEST, "the body is not JSON: " + e.getMessage());
    }
    if (decryptions.isEmpty()) {
      return error(HttpStatus.NOT_FOUND, "no classify processor with a keystore is configured");
    }
    String last = "";
    for (FieldDecryption d : decryptions) {
      try {
        String plaintext = d.decrypt(token);
        return ok(g -> {
          g.writeStartObject();
          g.writeStringField("value", plaintext);
          g.writeEndObject();
        });
      } catch (RuntimeException e) {
        last = e.getMessage();
      }
    }
    return error(HttpStatus.BAD_REQUEST, "value: cannot decrypt: " + last);
  }
}
