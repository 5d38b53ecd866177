package dev.sightline.receivers.otlp;

import dev.sightline.receivers.RequestTenant;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.rpc.Status;
import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.common.ResponseHeadersBuilder;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.sightline.ingestlog.LogFullException;
import dev.sightline.otlp.OtlpDecodeException;
import dev.sightline.otlp.OtlpJson;
import dev.sightline.otlp.RequestTooLargeException;
import dev.sightline.pipeline.Signal;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@code POST /v1/traces}, {@code /v1/metrics} or {@code /v1/logs}: OTLP over HTTP with protobuf
 * or JSON bodies, optionally gzip-compressed, answered as the OTLP specification says.
 */
public final class OtlpHttpService implements HttpService {
  static final String TRANSPORT = "http";
  private final Signal signal;
  private final OtlpIngest ingest;
  private final int maxBytes;

  public OtlpHttpService(Signal signal, OtlpIngest ingest, int maxBytes) {
    this.signal = signal;
    this.ingest = ingest;
    this.maxBytes = maxBytes;
  }

  @Override
  public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
    if (req.method() != HttpMethod.POST) {
      return error(BodyFormat.JSON, HttpStatus.METHOD_NOT_ALLOWED, "use POST to send OTLP data", 0);
    }
    BodyFormat format = BodyFormat.of(req.contentType());
    if (format == null) {
      return error(BodyFormat.JSON, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type '"
          + req.contentType() + "' is not supported; send application/x-protobuf or application/json", 0);
    }
    String encoding = req.headers().get(HttpHeaderNames.CONTENT_ENCODING);
    // In the context, so that ingest knows the client (the aggregation may complete elsewhere).
    return HttpResponse.of(req.aggregate().thenCompose(ctx.makeContextAware(
        (AggregatedHttpRequest agg) -> handle(agg, format, encoding))));
  }

  private CompletableFuture<HttpResponse> handle(AggregatedHttpRequest agg, BodyFormat format, String encoding) {
    CompletableFuture<IngestOutcome> outcome;
    try {
      byte[] body = RequestBody.decode(agg.content().array(), encoding, maxBytes);
      outcome = ingest(format, body);
    } catch (RequestBody.BodyException e) {
      return done(error(format, HttpStatus.valueOf(e.status()), e.getMessage(), 0));
    } catch (InvalidProtocolBufferException e) {
      return done(error(format, HttpStatus.BAD_REQUEST, "body is not a valid OTLP "
          + signal.label() + " protobuf message: " + e.getMessage(), 0));
    } catch (OtlpDecodeException e) {
      return done(error(format, HttpStatus.BAD_REQUEST, "body is not valid OTLP/JSON: " + e.getMessage(), 0));
    } catch (RequestTooLargeException e) {
      return done(error(format, HttpStatus.REQUEST_ENTITY_TOO_LARGE, e.getMessage(), 0));
    }
    return outcome.handle((result, failure) -> failure != null ? failure(format, failure) : success(format, result));
  }

  private CompletableFuture<IngestOutcome> ingest(BodyFormat format, byte[] body)
      throws InvalidProtocolBufferException {
    boolean json = format == BodyFormat.JSON;
    byte[] protobuf = json ? null : body;
    return switch (signal) {
      case TRACES -> ingest.traces(json ? OtlpJson.traces(body) : ExportTraceServiceRequest.parseFrom(body), protobuf, TRANSPORT, RequestTenant.current());
      case METRICS -> ingest.metrics(json ? OtlpJson.metrics(body) : ExportMetricsServiceRequest.parseFrom(body), protobuf, TRANSPORT, RequestTenant.current());
      case LOGS -> ingest.logs(json ? OtlpJson.logs(body) : ExportLogsServiceRequest.parseFrom(body), protobuf, TRANSPORT, RequestTenant.current());
    };
  }

  private HttpResponse success(BodyFormat format, IngestOutcome outcome) {
    if (outcome.allRejected()) {
      return error(format, HttpStatus.BAD_REQUEST, outcome.message(), 0);
    }
    Message response = switch (signal) {
      case TRACES -> OtlpGrpcServices.traceResponse(outcome);
      case METRICS -> OtlpGrpcServices.metricsResponse(outcome);
      case LOGS -> OtlpGrpcServices.logsResponse(outcome);
    };
    return HttpResponse.of(HttpStatus.OK, format.mediaType(), format.encode(response));
  }

  private static HttpResponse failure(BodyFormat format, Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof LogFullException full) {
      HttpStatus status = full.backlogFull() ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.TOO_MANY_REQUESTS;
      return error(format, status, cause.getMessage(), full.retryAfterSeconds());
    }
    return error(format, HttpStatus.SERVICE_UNAVAILABLE,
        "the ingest log could not store the request: " + cause.getMessage(), 1);
  }

  /** An error answer: a google.rpc.Status in the request's encoding, as OTLP/HTTP asks. */
  static HttpResponse error(BodyFormat format, HttpStatus status, String message, int retryAfterSeconds) {
    Status body = Status.newBuilder().setCode(grpcCode(status)).setMessage(message).build();
    ResponseHeadersBuilder headers = ResponseHeaders.builder(status).contentType(format.mediaType());
    if (retryAfterSeconds > 0) {
      headers.add(HttpHeaderNames.RETRY_AFTER, Integer.toString(retryAfterSeconds));
    }
    return HttpResponse.of(headers.build(), com.linecorp.armeria.common.HttpData.wrap(format.encode(body)));
  }

  private static int grpcCode(HttpStatus status) {
    return switch (status.code()) {
      case 400, 415 -> com.google.rpc.Code.INVALID_ARGUMENT_VALUE;
      case 413, 429 -> com.google.rpc.Code.RESOURCE_EXHAUSTED_VALUE;
      case 405 -> com.google.rpc.Code.UNIMPLEMENTED_VALUE;
      default -> com.google.rpc.Code.UNAVAILABLE_VALUE;
    };
  }

  private static CompletableFuture<HttpResponse> done(HttpResponse response) {
    return CompletableFuture.completedFuture(response);
  }

}
