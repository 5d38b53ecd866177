package dev.sightline.server.api;

import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.sightline.storage.StorageException;
import java.io.IOException;

/**
 * One query of a compatible API (Jaeger, Zipkin, Loki): runs it with the caller's masking, audits
 * what it showed, and turns bad input (400), an unavailable store (503) and a failed write (500)
 * into an answer in the surface's own error form. Call it off the event loop.
 */
final class MaskedQuery {
  private MaskedQuery() {}

  interface Work {
    HttpResponse run(Masking shown) throws IOException;
  }

  /** How the surface answers a failure. */
  interface Failure {
    HttpResponse answer(HttpStatus status, String message);
  }

  static HttpResponse answer(ServiceRequestContext ctx, QueryMasking masking, Failure failure, Work work) {
    Masking shown = masking.forRequest(ctx);
    try {
      HttpResponse answer = work.run(shown);
      masking.audit(ctx, shown);
      return answer;
    } catch (BadRequestException | IllegalArgumentException e) { // LogqlException is one too
      return failure.answer(HttpStatus.BAD_REQUEST, e.getMessage());
    } catch (StorageException e) {
      return failure.answer(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    } catch (IOException e) {
      return failure.answer(HttpStatus.INTERNAL_SERVER_ERROR, "writing the answer failed");
    }
  }
}
