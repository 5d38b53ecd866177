package dev.sightline.server.metadata;

import static dev.sightline.server.api.JsonResponses.error;

import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.ServerErrorHandler;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.sightline.metadata.ConcurrentChangeException;
import dev.sightline.metadata.MetadataUnavailableException;
import org.jspecify.annotations.Nullable;

/**
 * The answers of any endpoint whose change the store could not take: 503 with {@code Retry-After},
 * naming the metadata store, when it is unreachable (nothing changed; reads keep answering from
 * this node's copy), and 409 when another change to the same item came first.
 */
public final class MetadataErrors implements ServerErrorHandler {
  private final int retryAfterSeconds;

  public MetadataErrors(int retryAfterSeconds) {
    this.retryAfterSeconds = retryAfterSeconds;
  }

  @Override
  public @Nullable HttpResponse onServiceException(ServiceRequestContext ctx, Throwable cause) {
    Throwable c = cause;
    while (c != null) {
      if (c instanceof MetadataUnavailableException) {
        HttpResponse answer = error(HttpStatus.SERVICE_UNAVAILABLE, c.getMessage() + "; nothing was changed, try again");
        return answer.mapHeaders(h -> h.toBuilder().setInt(HttpHeaderNames.RETRY_AFTER, retryAfterSeconds).build());
      }
      if (c instanceof ConcurrentChangeException) {
        return error(HttpStatus.CONFLICT, c.getMessage());
      }
      c = c.getCause();
    }
    return null;
  }

}
