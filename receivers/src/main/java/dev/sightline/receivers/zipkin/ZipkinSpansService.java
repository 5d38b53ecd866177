package dev.sightline.receivers.zipkin;

import dev.sightline.receivers.RequestTenant;
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
import dev.sightline.receivers.otlp.RequestBody;
import dev.sightline.receivers.otlp.OtlpIngest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code POST /api/v2/spans} (JSON or proto3 by Content-Type) and {@code POST /api/v1/spans} (JSON),
 * optionally gzip-compressed. Answers 202 as Zipkin does; 400 naming the spans that were bad by
 * index and reason (the good ones are stored); 413, 415; 429 or 503 with {@code Retry-After} when
 * the ingest log is full, which Zipkin reporters treat as a failed send to retry.
 */
public final class ZipkinSpansService implements HttpService {
  static final String TRANSPORT = "zipkin";
  private final boolean v1;
  private final OtlpIngest ingest;
  private final int maxBytes;
  private final LongAdder malformedSpans;
  private final LongAdder unreadableBodies;

  /** A service for {@code /api/v1/spans} when {@code v1}, else for {@code /api/v2/spans}. */
  public ZipkinSpansService(boolean v1, OtlpIngest ingest, int maxBytes, SelfMetrics metrics) {
    this.v1 = v1;
    this.ingest = ingest;
    this.maxBytes = maxBytes;
    this.malformedSpans = metrics.counter("sightline_zipkin_malformed_spans_total",
        "Zipkin spans refused because they could not be decoded (the others in their request are kept).");
    this.unreadableBodies = metrics.counter("sightline_zipkin_unreadable_requests_total",
        "Zipkin requests whose body could not be read at all.");
  }

  @Override
  public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
    MediaType type = req.contentType();
    boolean proto = type != null && (type.is(MediaType.PROTOBUF) || type.subtype().equals("x-protobuf"));
    boolean json = type == null || type.is(MediaType.JSON) || type.subtype().endsWith("json");
    if (!(json || (proto && !v1))) {
      return text(HttpStatus.UNSUPPORTED_MEDIA_TYPE, (v1 ? "/api/v1/spans takes Content-Type application/json"
          : "/api/v2/spans takes Content-Type application/json or application/x-protobuf") + "; got " + type);
    }
    String encoding = req.headers().get(HttpHeaderNames.CONTENT_ENCODING, "identity").trim().toLowerCase(Locale.ROOT);
    return HttpResponse.of(req.aggregate().thenCompose(ctx.makeContextAware(
        (AggregatedHttpRequest agg) -> handle(agg.content().array(), encoding, proto))));
  }

  private CompletableFuture<HttpResponse> handle(byte[] body, String encoding, boolean proto) {
    DecodedSpans decoded;
    try {
      byte[] plain = RequestBody.decode(body, encoding, maxBytes);
      decoded = v1 ? JsonV1Decoder.decode(plain) : proto ? Proto3Decoder.decode(plain) : JsonV2Decoder.decode(plain);
    } catch (RequestBody.BodyException e) {
      unreadableBodies.increment();
      return done(text(HttpStatus.valueOf(e.status()), e.getMessage()));
    } catch (DecodedSpans.UnreadableBodyException e) {
      unreadableBodies.increment();
      return done(text(HttpStatus.BAD_REQUEST, e.getMessage()));
    }
    malformedSpans.add(decoded.problems().size());
    String problems = decoded.problems().isEmpty() ? ""
        : decoded.problems().size() + " of " + (decoded.problems().size() + decoded.spans().size())
            + " spans were not stored: " + String.join("; ", decoded.problems());
    if (decoded.spans().isEmpty()) {
      return done(problems.isEmpty() ? HttpResponse.of(HttpStatus.ACCEPTED) : text(HttpStatus.BAD_REQUEST, problems));
    }
    try {
      return ingest.traces(ZipkinToOtlp.convert(decoded.spans()), null, TRANSPORT, RequestTenant.current())
          .handle((outcome, error) -> {
            if (error != null) {
              return failure(error);
            }
            List<String> messages = new ArrayList<>();
            if (!problems.isEmpty()) {
              messages.add(problems);
            }
            if (!outcome.message().isEmpty()) {
              messages.add(outcome.message());
            }
            return messages.isEmpty() ? HttpResponse.of(HttpStatus.ACCEPTED)
                : text(HttpStatus.BAD_REQUEST, String.join("; ", messages));
          });
    } catch (RequestTooLargeException e) {
      return done(text(HttpStatus.REQUEST_ENTITY_TOO_LARGE, e.getMessage()));
    }
  }

  private static HttpResponse failure(Throwable error) {
    return IngestFailure.response(error);
  }

  private static HttpResponse text(HttpStatus status, String message) {
    return HttpResponse.of(status, MediaType.PLAIN_TEXT_UTF_8, message);
  }

  private static CompletableFuture<HttpResponse> done(HttpResponse r) {
    return CompletableFuture.completedFuture(r);
  }
}
