package dev.sightline.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A GraphQL client on the GraphQL-over-HTTP wire format: {@code POST /graphql} with the JSON
 * {@code {"query", "variables", "operationName"}}, answered {@code {"data", "errors"}}. No client
 * library: the JDK HTTP client speaks the format as every GraphQL client sends it.
 */
final class GraphqlClient {
  private final TestServer server;
  private final @Nullable String key;

  GraphqlClient(TestServer server, @Nullable String key) {
    this.server = server;
    this.key = key;
  }

  /** The whole answer; fails unless HTTP 200. */
  JsonNode query(String query) {
    return query(query, Map.of());
  }

  JsonNode query(String query, Map<String, ?> variables) {
    HttpResponse<String> r = post(query, variables, null);
    if (r.statusCode() != 200) {
      throw new AssertionError("POST /graphql answered " + r.statusCode() + ": " + r.body());
    }
    return read(r.body());
  }

  /** {@code data}, after checking that there are no errors. */
  JsonNode data(String query, Map<String, ?> variables) {
    JsonNode answer = query(query, variables);
    if (answer.has("errors")) {
      throw new AssertionError("errors: " + answer.get("errors"));
    }
    return answer.get("data");
  }

  JsonNode data(String query) {
    return data(query, Map.of());
  }

  /** The messages of the answer's errors, joined; fails when there are none. */
  String errors(String query, Map<String, ?> variables) {
    JsonNode answer = query(query, variables);
    if (!answer.has("errors")) {
      throw new AssertionError("expected errors, got " + answer);
    }
    StringBuilder b = new StringBuilder();
    answer.get("errors").forEach(e -> b.append(b.isEmpty() ? "" : "\n").append(e.get("message").asText()));
    return b.toString();
  }

  String errors(String query) {
    return errors(query, Map.of());
  }

  HttpResponse<String> post(String query, Map<String, ?> variables, @Nullable String operationName) {
    ObjectNode body = TestServer.JSON.createObjectNode().put("query", query);
    body.set("variables", TestServer.JSON.valueToTree(variables));
    body.put("operationName", operationName);
    return postRaw("application/json", body.toString());
  }

  HttpResponse<String> postRaw(String contentType, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.api() + "/graphql"))
        .header("Content-Type", contentType).header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    return send(b);
  }

  HttpResponse<String> get(String pathAndQuery, String accept) {
    return send(HttpRequest.newBuilder(URI.create(server.api() + pathAndQuery)).header("Accept", accept).GET());
  }

  private HttpResponse<String> send(HttpRequest.Builder b) {
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    try {
      return server.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonNode read(String json) {
    try {
      return TestServer.JSON.readTree(json);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + json, e);
    }
  }
}
