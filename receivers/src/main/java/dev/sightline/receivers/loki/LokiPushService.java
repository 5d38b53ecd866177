package dev.sightline.receivers.loki;

import dev.sightline.receivers.RequestTenant;
import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.sightline.pipeline.SelfMetrics;
import dev.sightline.receivers.otlp.IngestFailure;
import dev.sightline.receivers.otlp.OtlpIngest;
import dev.sightline.receivers.otlp.RequestBody;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code POST /loki/api/v1/push}: JSON (optionally gzip) or snappy-compressed protobuf, as Loki
 * takes them. Answers 204 when stored; 400 naming the streams or entries that could not be read
 * (the readable ones are stored); 413 past the size limit; 415 for other content types; 429/503
 * with {@code Retry-After} when the ingest log is full.
 */
public final class LokiPushService implements HttpService {
  private final OtlpIngest ingest;
  private final int maxBytes;
  private final Clock clock;
  private final SelfMetrics metrics;

  public LokiPushService(OtlpIngest ingest, int maxBytes, Clock clock, SelfMetrics metrics) {
    this.ingest = ingest;
    this.maxBytes = maxBytes;
    this.clock = clock;
    this.metrics = metrics;
  }

  @Override
  public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
    MediaType type = req.contentType();
    String encoding = req.headers().get(HttpHeaderNames.CONTENT_ENCODING, "");
    boolean json = type != null && type.is(MediaType.JSON);
    boolean proto = type != null && (type.is(MediaType.PROTOBUF) || type.subtype().equals("x-protobuf"));
    if (!json && !proto) {
      return text(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "the Loki push API takes application/json or snappy-compressed "
          + "application/x-protobuf; got " + type);
    }
    return HttpResponse.of(req.aggregate().thenCompose(ctx.makeContextAware((AggregatedHttpRequest agg) ->
        handle(agg.content().array(), json, encoding))));
  }

  private CompletableFuture<HttpResponse> handle(byte[] body, boolean json, String encoding) {
    LokiStream.Decoded decoded;
    try {
      decoded = json ? LokiJson.decode(RequestBody.decode(body, encoding, maxBytes)) : LokiProto.decode(unsnappy(body));
    } catch (RequestBody.BodyException e) {
      return CompletableFuture.completedFuture(text(HttpStatus.valueOf(e.status()), e.getMessage()));
    } catch (TooLarge e) {
      return CompletableFuture.completedFuture(text(HttpStatus.REQUEST_ENTITY_TOO_LARGE, e.getMessage()));
    } catch (IOException | RuntimeException e) {
      return CompletableFuture.completedFuture(text(HttpStatus.BAD_REQUEST, "the body is not a Loki push request ("
          + (json ? "JSON" : "snappy protobuf") + "): " + e.getMessage()));
    }
    long entries = decoded.streams().stream().mapToLong(s -> s.entries().size()).sum();
    metrics.counter("sightline_loki_entries_total", "Loki entries received, by outcome.", "outcome", "read").add(entries);
    if (!decoded.problems().isEmpty()) {
      metrics.counter("sightline_loki_entries_total", "Loki entries received, by outcome.", "outcome", "unreadable")
          .add(decoded.problems().size());
    }
    String problems = String.join("; ", decoded.problems());
    if (entries == 0) {
      return CompletableFuture.completedFuture(problems.isEmpty() ? HttpResponse.of(HttpStatus.NO_CONTENT)
          : text(HttpStatus.BAD_REQUEST, problems));
    }
    ExportLogsServiceRequest request = LokiToOtlp.convert(decoded.streams(), clock.millis() * 1_000_000L);
    return ingest.logs(request, null, "loki", RequestTenant.current()).handle((outcome, error) -> {
      if (error != null) {
        return IngestFailure.response(error);
      }
      List<String> messages = new ArrayList<>();
      if (!problems.isEmpty()) {
        messages.add(problems);
      }
      if (!outcome.message().isEmpty()) {
        messages.add(outcome.message());
      }
      return messages.isEmpty() ? HttpResponse.of(HttpStatus.NO_CONTENT) : text(HttpStatus.BAD_REQUEST, String.join("; ", messages));
    });
  }

  private byte[] unsnappy(byte[] body) {
    int length = SnappyDecompressor.getUncompressedLength(body, 0);
    if (length < 0 || length > maxBytes) {
      throw new TooLarge("the request inflates to " + length + " bytes, over the limit of " + maxBytes);
    }
    byte[] raw = new byte[length];
    new SnappyDecompressor().decompress(body, 0, body.length, raw, 0, length);
    return raw;
  }

  /** A body that inflates past the request size limit. */
  private static final class TooLarge extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooLarge(String message) {
      super(message);
    }
  }

  private static HttpResponse text(HttpStatus status, String message) {
    return HttpResponse.of(status, MediaType.PLAIN_TEXT_UTF_8, message);
  }
}
