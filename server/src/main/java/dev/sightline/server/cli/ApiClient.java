package dev.sightline.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/** Calls the server's API as the command line's key; a refusal becomes an {@link ApiException} with the server's reason. */
final class ApiClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final String url;
  private final String key;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  /** The server refused ({@code status} its HTTP status) or could not be reached ({@code status} 0). */
  static final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;

    ApiException(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  ApiClient(String url, String key) {
    this.url = url.replaceAll("/+$", "");
    this.key = key;
  }

  static String query(Map<String, ?> params) {
    return params.entrySet().stream().filter(e -> e.getValue() != null && !e.getValue().toString().isEmpty())
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue().toString(),
            StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
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

  JsonNode postText(String path, String contentType, String body) {
    return send(HttpRequest.newBuilder(URI.create(url + path)).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body)));
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
      r = http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new ApiException(0, "cannot reach the server at " + url + " (is it running? set --url, SIGHTLINE_URL or a profile)");
    } catch (IOException e) {
      throw new ApiException(0, "talking to " + url + " failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(0, "interrupted");
    }
    JsonNode body;
    try {
      body = r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
    } catch (IOException e) {
      body = null;
    }
    if (r.statusCode() >= 300) {
      String reason = body != null && body.path("error").isTextual() ? body.path("error").asText() : r.body();
      String hint = r.statusCode() == 401 ? " (set SIGHTLINE_API_KEY, --key or a profile's key)" : "";
      throw new ApiException(r.statusCode(), "the server answered " + r.statusCode() + ": " + reason + hint);
    }
    if (body == null) {
      throw new ApiException(r.statusCode(), "the server answered " + r.statusCode() + " with a body that is not JSON");
    }
    return body;
  }
}
