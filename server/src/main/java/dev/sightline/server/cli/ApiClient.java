package dev.sightline.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Calls the server's API as the command line's key; a refusal becomes an {@link ApiException} with the server's reason. */
final class ApiClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final String url;
  private final String key;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  /** The server refused or could not be reached. */
  static final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ApiException(String message) {
      super(message);
    }
  }

  ApiClient(String url, String key) {
    this.url = url;
    this.key = key;
  }

  JsonNode get(String path) {
    return send(HttpRequest.newBuilder(URI.create(url + path)).GET());
  }

  JsonNode post(String path, Object body) {
    try {
      return send(HttpRequest.newBuilder(URI.create(url + path)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  JsonNode delete(String path) {
    return send(HttpRequest.newBuilder(URI.create(url + path)).DELETE());
  }

  private JsonNode send(HttpRequest.Builder request) {
    if (!key.isEmpty()) {
      request.header("Authorization", "Bearer " + key);
    }
    HttpResponse<String> r;
    try {
      r = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new ApiException("cannot reach the server at " + url + " (is it running? set --url or SIGHTLINE_URL)");
    } catch (IOException e) {
      throw new ApiException("talking to " + url + " failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException("interrupted");
    }
    JsonNode body;
    try {
      body = r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
    } catch (IOException e) {
      body = null;
    }
    if (r.statusCode() >= 300) {
      String reason = body != null && body.path("error").isTextual() ? body.path("error").asText() : r.body();
      String hint = r.statusCode() == 401 ? " (set SIGHTLINE_API_KEY or --key)" : "";
      throw new ApiException("the server answered " + r.statusCode() + ": " + reason + hint);
    }
    if (body == null) {
      throw new ApiException("the server answered " + r.statusCode() + " with a body that is not JSON");
    }
    return body;
  }
}
