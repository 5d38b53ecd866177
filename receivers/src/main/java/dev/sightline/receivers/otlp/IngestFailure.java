package dev.sightline.receivers.otlp;

import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import dev.sightline.ingestlog.LogFullException;
import java.util.concurrent.CompletionException;

/**
 * How an HTTP receiver answers when the ingest log did not take a request: 429 (queue full) or
 * 503 (backlog full) with {@code Retry-After}, which every HTTP shipper treats as "retry", else 503.
 */
public final class IngestFailure {
  private IngestFailure() {}

  public static HttpResponse response(Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof LogFullException full) {
      return HttpResponse.of(ResponseHeaders.builder(full.backlogFull() ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.TOO_MANY_REQUESTS)
          .add(HttpHeaderNames.RETRY_AFTER, Integer.toString(full.retryAfterSeconds())).contentType(MediaType.PLAIN_TEXT_UTF_8).build(),
          HttpData.ofUtf8(cause.getMessage()));
    }
    return HttpResponse.of(HttpStatus.SERVICE_UNAVAILABLE, MediaType.PLAIN_TEXT_UTF_8,
        "the ingest log could not store the request: " + cause.getMessage());
  }
}
