package dev.sightline.alerting.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** POSTs a JSON body and sorts the outcome: 2xx done, 429 and 5xx worth retrying, other 4xx not. */
final class JsonPost {
  private final HttpClient client;
  private final Duration timeout;

  JsonPost(HttpClient client, Duration timeout) {
    this.client = client;
    this.timeout = timeout;
  }

  void post(URI url, String json) throws DeliveryException {
    HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
        .header("Content-Type", "application/json").header("User-Agent", "Sightline")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new DeliveryException("POST " + redacted(url) + ": " + e, true, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryException("POST " + redacted(url) + ": interrupted", true, e);
    }
    int status = response.statusCode();
    if (status / 100 == 2) {
      return;
    }
    String body = response.body() == null ? "" : response.body();
    String message = "POST " + redacted(url) + ": HTTP " + status
        + (body.isBlank() ? "" : ": " + body.substring(0, Math.min(200, body.length())));
    throw new DeliveryException(message, status == 429 || status >= 500);
  }

  /** Slack and webhook URLs carry their secret in the path; errors and dead letters keep only the host. */
  static String redacted(URI url) {
    return url.getScheme() + "://" + url.getAuthority() + (url.getPath().length() > 1 ? "/…" : "/");
  }
}
