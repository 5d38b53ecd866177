package dev.sightline.receivers.jaeger;

import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.sightline.otlp.RequestTooLargeException;
import dev.sightline.pipeline.SelfMetrics;
import dev.sightline.receivers.otlp.IngestFailure;
import dev.sightline.receivers.otlp.OtlpIngest;
import dev.sightline.receivers.otlp.RequestBody;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * {@code POST /api/traces}: a Thrift binary {@code jaeger.Batch}, as Jaeger clients' HTTP senders
 * post it ({@code Content-Type: application/x-thrift} or {@code application/vnd.apache.thrift.binary}),
 * optionally gzip-compressed. Answers 202 as the Jaeger collector does; 400 naming the spans that
 * were bad (the good ones are stored); 413, 415; 429 or 503 with {@code Retry-After} when the
 * ingest log is full.
 */
public final class JaegerThriftService implements HttpService {
  static final String TRANSPORT = "jaeger_thrift_http";
  private final JaegerBatchIngest batches;
  private final int maxBytes;

  public JaegerThriftService(OtlpIngest ingest, int maxBytes, SelfMetrics metrics) {
    this.batches = new JaegerBatchIngest(ingest, TRANSPORT, metrics);
    this.maxBytes = maxBytes;
  }

  @Override
  public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
    MediaType type = req.contentType();
    if (type == null || !(type.subtype().equals("x-thrift") || type.subtype().equals("vnd.apache.thrift.binary"))) {
      return text(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "/api/traces takes Content-Type application/x-thrift "
          + "(Thrift binary protocol); got " + type);
    }
    String encoding = req.headers().get(HttpHeaderNames.CONTENT_ENCODING, "identity").trim().toLowerCase(Locale.ROOT);
    return HttpResponse.of(req.aggregate().thenCompose(ctx.makeContextAware(
        (AggregatedHttpRequest agg) -> handle(agg.content().array(), encoding))));
  }

  private CompletableFuture<HttpResponse> handle(byte[] body, String encoding) {
    DecodedBatch batch;
    try {
      batch = JaegerThriftDecoder.decode(RequestBody.decode(body, encoding, maxBytes));
    } catch (RequestBody.BodyException e) {
      batches.unreadable();
      return done(text(HttpStatus.valueOf(e.status()), e.getMessage()));
    } catch (DecodedBatch.UnreadableBodyException e) {
      batches.unreadable();
      return done(text(HttpStatus.BAD_REQUEST, e.getMessage()));
    }
    try {
      return batches.store(batch).handle((outcome, error) -> {
        if (error != null) {
          return IngestFailure.response(error);
        }
        return outcome.message().isEmpty() ? HttpResponse.of(HttpStatus.ACCEPTED)
            : text(HttpStatus.BAD_REQUEST, outcome.message());
      });
    } catch (RequestTooLargeException e) {
      return done(text(HttpStatus.REQUEST_ENTITY_TOO_LARGE, e.getMessage()));
    }
  }

  private static HttpResponse text(HttpStatus status, String message) {
    return HttpResponse.of(status, MediaType.PLAIN_TEXT_UTF_8, message);
  }

  private static CompletableFuture<HttpResponse> done(HttpResponse r) {
    return CompletableFuture.completedFuture(r);
  }
}
