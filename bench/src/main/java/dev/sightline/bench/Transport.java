package dev.sightline.bench;

import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.RequestHeadersBuilder;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * Sends one encoded body and says how it went: OTLP/HTTP over HTTP/1.1 connections, OTLP/gRPC
 * as hand-framed gRPC over HTTP/2 (so the generator never re-encodes), or Zipkin v2 JSON.
 */
final class Transport {
  /** The answer: accepted, refused for back-pressure (with the delay asked for), or failed. */
  record Result(boolean accepted, boolean refused, int retryAfterSeconds, String status) {}

  private final WebClient client;
  private final String path;
  private final String target;

  Transport(LoadOptions o) {
    this.target = o.target();
    String scheme = target.equals("grpc") ? "h2c" : "h1c";
    this.client = WebClient.builder(scheme + "://" + o.endpoint()).responseTimeout(Duration.ofSeconds(30))
        .maxResponseLength(0).build();
    this.path = switch (target) {
      case "grpc" -> switch (o.signal()) {
        case "traces" -> "/opentelemetry.proto.collector.trace.v1.TraceService/Export";
        case "logs" -> "/opentelemetry.proto.collector.logs.v1.LogsService/Export";
        default -> "/opentelemetry.proto.collector.metrics.v1.MetricsService/Export";
      };
      case "zipkin" -> "/api/v2/spans";
      default -> "/v1/" + o.signal();
    };
  }

  Result send(byte[] body) {
    RequestHeadersBuilder headers = RequestHeaders.builder(HttpMethod.POST, path);
    byte[] payload = body;
    switch (target) {
      case "grpc" -> {
        headers.contentType(MediaType.parse("application/grpc")).add("te", "trailers");
        payload = ByteBuffer.allocate(5 + body.length).put((byte) 0).putInt(body.length).put(body).array();
      }
      case "zipkin" -> headers.contentType(MediaType.JSON);
      default -> headers.contentType(MediaType.parse("application/x-protobuf"));
    }
    AggregatedHttpResponse r = client.execute(headers.build(), HttpData.wrap(payload)).aggregate().join();
    int code = r.status().code();
    if (target.equals("grpc")) {
      String grpc = r.trailers().get("grpc-status", r.headers().get("grpc-status", "2"));
      boolean refused = grpc.equals("8") || grpc.equals("14");
      return new Result(grpc.equals("0") && code == 200, refused, refused ? 1 : 0, "grpc-" + grpc);
    }
    boolean refused = code == 429 || code == 503;
    int retry = refused ? Integer.parseInt(r.headers().get("retry-after", "1")) : 0;
    return new Result(code == 200 || code == 202, refused, retry, "http-" + code);
  }
}
