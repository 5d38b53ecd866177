package dev.sightline.server.promql;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Asks one server's Prometheus HTTP API ({@code /api/v1/query}, {@code /api/v1/query_range}) by GET. */
final class PromqlHttpClient {
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;

  PromqlHttpClient(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  QueryOutcome query(String query, Evaluation evaluation) {
    return get(evaluation.pathAndQuery(query));
  }

  QueryOutcome get(String pathAndQuery) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).timeout(Duration.ofSeconds(30)).GET().build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return QueryOutcome.parse(response.statusCode(), response.body());
    } catch (IOException e) {
      // One query that hangs or breaks the connection is a finding, not the end of the run.
      return new QueryOutcome(0, "io error", e.getClass().getSimpleName(), String.valueOf(e.getMessage()), null,
          java.util.List.of(), null, "");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  String baseUrl() {
    return baseUrl;
  }
}
