package dev.sightline.receivers.prometheus;

import dev.sightline.receivers.RequestTenant;
import com.google.protobuf.InvalidProtocolBufferException;
import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.sightline.pipeline.SelfMetrics;
import dev.sightline.receivers.otlp.IngestFailure;
import dev.sightline.receivers.otlp.OtlpIngest;
import io.airlift.compress.MalformedInputException;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code POST /api/v1/write}: Prometheus remote-write version 1 (snappy-compressed protobuf), as
 * Prometheus, Grafana Agent/Alloy and the OpenTelemetry Collector send it. Each series becomes an
 * OTLP gauge named by {@code __name__}; {@code job} and {@code instance} become the resource's
 * {@code service.name} and {@code service.instance.id}, as the OpenTelemetry-Prometheus mapping
 * says; the other labels become attributes; the metadata type (counter, histogram, …) is kept in
 * the metric's metadata as {@code prometheus.type}. Answers 204, or 400 naming what was wrong
 * (valid series are still stored), 413, 415, 429/503 with {@code Retry-After}.
 */
public final class RemoteWriteService implements HttpService {
  private static final String TRANSPORT = "prometheus_remote_write";
  private static final String SCOPE = "sightline.prometheus.remote_write";
  private static final String V1_PROTO = "prometheus.WriteRequest";
  private static final String V2_PROTO = "io.prometheus.write.v2.Request";
  private final OtlpIngest ingest;
  private final int maxBytes;
  private final SelfMetrics metrics;

  public RemoteWriteService(OtlpIngest ingest, int maxBytes, SelfMetrics metrics) {
    this.ingest = ingest;
    this.maxBytes = maxBytes;
    this.metrics = metrics;
  }

  @Override
  public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
    String encoding = req.headers().get(HttpHeaderNames.CONTENT_ENCODING, "");
    MediaType type = req.contentType();
    if (!encoding.equalsIgnoreCase("snappy") || (type != null && !type.is(MediaType.PROTOBUF) && !type.subtype().equals("x-protobuf"))) {
      return text(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "remote write takes Content-Type application/x-protobuf with "
          + "Content-Encoding snappy (remote-write 1.0 or 2.0); got " + type + " / '" + encoding + "'");
    }
    String proto = type == null ? null : type.parameters().getOrDefault("proto", List.of()).stream().findFirst().orElse(null);
    boolean v2 = V2_PROTO.equals(proto);
    if (proto != null && !v2 && !proto.equals(V1_PROTO)) {
      return text(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unknown remote-write message proto=" + proto + "; this receiver takes "
          + V1_PROTO + " (1.0) and " + V2_PROTO + " (2.0)");
    }
    return HttpResponse.of(req.aggregate().thenCompose(ctx.makeContextAware((AggregatedHttpRequest agg) -> handle(agg.content().array(), v2))));
  }

  private CompletableFuture<HttpResponse> handle(byte[] compressed, boolean v2) {
    byte[] protobuf;
    try {
      int length = SnappyDecompressor.getUncompressedLength(compressed, 0);
      if (length < 0 || length > maxBytes) {
        return done(text(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "the request inflates to " + length
            + " bytes, over the limit of " + maxBytes));
      }
      protobuf = new byte[length];
      new SnappyDecompressor().decompress(compressed, 0, compressed.length, protobuf, 0, length);
    } catch (MalformedInputException | IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
      return done(text(HttpStatus.BAD_REQUEST, "the body is not snappy-compressed: " + e.getMessage()));
    }
    WriteRequestDecoder.Decoded decoded;
    try {
      decoded = v2 ? WriteRequestV2Decoder.decode(protobuf) : WriteRequestDecoder.decode(protobuf);
    } catch (InvalidProtocolBufferException e) {
      return done(text(HttpStatus.BAD_REQUEST, "the body is not a " + (v2 ? V2_PROTO : V1_PROTO) + ": " + e.getMessage()));
    }
    return store(decoded, v2);
  }

  private CompletableFuture<HttpResponse> store(WriteRequestDecoder.Decoded decoded, boolean v2) {
    Written written = Written.of(decoded);
    int unnamed = 0;
    int histograms = 0;
    for (WriteRequestDecoder.Series s : decoded.series()) {
      unnamed += s.series().labels().containsKey("__name__") ? 0 : 1;
      histograms += s.nativeHistograms();
    }
    if (histograms > 0) {
      metrics.counter("sightline_remote_write_native_histograms_dropped_total",
          "Native histogram samples received by remote write and not kept yet.").add(histograms);
    }
    Map<String, String> types = new HashMap<>();
    for (WriteRequestDecoder.Metadata m : decoded.metadata()) {
      types.put(m.family(), m.type());
    }
    ExportMetricsServiceRequest request = SeriesToOtlp.convert(
        decoded.series().stream().map(WriteRequestDecoder.Series::series).toList(), types, SCOPE);
    String problem = unnamed == 0 ? "" : unnamed + " series without __name__ were skipped";
    if (request.getResourceMetricsCount() == 0) {
      return done(problem.isEmpty() ? written.response(v2, HttpStatus.NO_CONTENT, "") : written.response(v2, HttpStatus.BAD_REQUEST, problem));
    }
    return ingest.metrics(request, null, TRANSPORT, RequestTenant.current()).handle((outcome, error) -> {
      if (error != null) {
        return IngestFailure.response(error);
      }
      String message = String.join("; ", List.of(problem, outcome.message()).stream().filter(m -> !m.isEmpty()).toList());
      return written.response(v2, message.isEmpty() ? HttpStatus.NO_CONTENT : HttpStatus.BAD_REQUEST, message);
    }).exceptionally(e -> text(HttpStatus.BAD_REQUEST, String.valueOf(e.getMessage())));
  }

  /** What a request holds that is stored, for 2.0's {@code X-Prometheus-Remote-Write-*-Written} headers. */
  private record Written(long samples, long exemplars) {
    static Written of(WriteRequestDecoder.Decoded decoded) {
      long samples = 0;
      long exemplars = 0;
      for (WriteRequestDecoder.Series s : decoded.series()) {
        if (s.series().labels().containsKey("__name__")) {
          samples += s.series().values().length;
          exemplars += s.series().exemplars().size();
        }
      }
      return new Written(samples, exemplars);
    }

    HttpResponse response(boolean v2, HttpStatus status, String message) {
      com.linecorp.armeria.common.ResponseHeadersBuilder h = ResponseHeaders.builder(status);
      if (v2) {
        boolean stored = status.isSuccess();
        h.add("X-Prometheus-Remote-Write-Samples-Written", Long.toString(stored ? samples : 0))
            .add("X-Prometheus-Remote-Write-Histograms-Written", "0")
            .add("X-Prometheus-Remote-Write-Exemplars-Written", Long.toString(stored ? exemplars : 0));
      }
      if (message.isEmpty()) {
        return HttpResponse.of(h.build());
      }
      return HttpResponse.of(h.contentType(MediaType.PLAIN_TEXT_UTF_8).build(), com.linecorp.armeria.common.HttpData.ofUtf8(message));
    }
  }

  private static HttpResponse text(HttpStatus status, String message) {
    return HttpResponse.of(status, MediaType.PLAIN_TEXT_UTF_8, message);
  }

  private static CompletableFuture<HttpResponse> done(HttpResponse r) {
    return CompletableFuture.completedFuture(r);
  }
}
