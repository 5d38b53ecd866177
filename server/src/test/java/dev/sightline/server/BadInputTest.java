package dev.sightline.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.client.grpc.GrpcClients;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpHeaders;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.RequestHeaders;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad request gets its status and a message, and the server keeps serving. */
class BadInputTest {
  private static final String PROTOBUF = "application/x-protobuf";
  private static final long T0 = 1_767_225_600_000_000_000L;
  @TempDir static Path data;
  static TestServer server;
  static long nextTrace = 1;

  @BeforeAll
  static void start() {
    server = new TestServer(data, "--limits.request.bytes=64KiB", "--limits.item.attributes=4");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @AfterEach
  void stillServes() {
    assertThat(server.get("/health").statusCode()).isEqualTo(200);
    Span good = span(nextTrace++, 1, 0, 10).build();
    HttpResponse<String> r = postTraces(request(good).toByteArray());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  static Span.Builder span(long trace, long span, long startMs, long endMs) {
    return Span.newBuilder().setName("op")
        .setTraceId(ByteString.copyFrom(ByteBuffer.allocate(16).putLong(7).putLong(trace).array()))
        .setSpanId(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(span).array()))
        .setStartTimeUnixNano(T0 + startMs * 1_000_000).setEndTimeUnixNano(T0 + endMs * 1_000_000);
  }

  static ExportTraceServiceRequest request(Span... spans) {
    return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
        .setResource(Resource.newBuilder().addAttributes(KeyValue.newBuilder().setKey("service.name")
            .setValue(AnyValue.newBuilder().setStringValue("bad-input"))))
        .addScopeSpans(ScopeSpans.newBuilder().addAllSpans(Arrays.asList(spans)))).build();
  }

  static HttpResponse<String> postTraces(byte[] body, String... headers) {
    return server.post(server.otlpHttp() + "/v1/traces", PROTOBUF, body, headers);
  }

  @Test
  void truncatedProtobufIs400() {
    byte[] whole = request(span(100, 1, 0, 5).build()).toByteArray();
    HttpResponse<String> r = postTraces(Arrays.copyOf(whole, whole.length - 7));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("protobuf");
  }

  @Test
  void invalidJsonIs400WithItsLocation() {
    HttpResponse<String> r = server.post(server.otlpHttp() + "/v1/traces", "application/json",
        "{\"resourceSpans\": [".getBytes(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("\"message\"").containsIgnoringCase("json");
  }

  @Test
  void deeplyNestedJsonIs400WithoutAStackTrace() {
    String deep = "{\"resourceSpans\": [{\"resource\": {\"attributes\": [{\"key\": \"k\", \"value\": "
        + "{\"arrayValue\": {\"values\": [".repeat(2_000) + "]}}".repeat(2_000) + "}]}}]}";
    HttpResponse<String> r = server.post(server.otlpHttp() + "/v1/traces", "application/json",
        deep.getBytes(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).doesNotContain("at dev.sightline").doesNotContain("at com.fasterxml").doesNotContain("Exception:");
  }

  @Test
  void deeplyNestedProtobufValuesAre400() {
    AnyValue.Builder v = AnyValue.newBuilder().setStringValue("leaf");
    for (int i = 0; i < 200; i++) {
      v = AnyValue.newBuilder().setArrayValue(io.opentelemetry.proto.common.v1.ArrayValue.newBuilder().addValues(v));
    }
    HttpResponse<String> r = postTraces(request(span(300, 1, 0, 5).addAttributes(KeyValue.newBuilder().setKey("deep")
        .setValue(v)).build()).toByteArray());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).doesNotContain("at dev.sightline");
  }

  @Test
  void aRemoteReadThatInflatesBeyondTheLimitIs413() {
    // A snappy preamble (varint length) announcing 1 GiB, and nothing else.
    byte[] bomb = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x04};
    HttpResponse<String> r = server.post(server.api() + "/api/v1/read", "application/x-protobuf", bomb,
        "Content-Encoding", "snappy");
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.body()).contains("over the limit");
  }

  @Test
  void anUnknownPathAnswersWithoutInternals() {
    HttpResponse<String> r = server.get("/api/v1/%00%ff/../../etc/passwd");
    assertThat(r.statusCode()).isBetween(400, 404);
    assertThat(r.body()).doesNotContain("at dev.sightline").doesNotContain("Exception");
  }

  @Test
  void wrongContentTypeIs415() {
    HttpResponse<String> r = server.post(server.otlpHttp() + "/v1/traces", "text/plain", "hello".getBytes(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).isEqualTo(415);
    assertThat(r.body()).contains("application/x-protobuf");
  }

  @Test
  void allZeroTraceIdIsRejectedWithAMessage() {
    Span zero = span(0, 1, 0, 5).setTraceId(ByteString.copyFrom(new byte[16])).build();
    HttpResponse<String> r = postTraces(request(zero).toByteArray());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("traceId");
  }

  @Test
  void aSpanEndingBeforeItStartsIsRejectedAndTheValidOneKept() throws Exception {
    long trace = 200;
    Span backwards = span(trace, 1, 10, 5).build();
    Span fine = span(trace, 2, 0, 5).build();
    HttpResponse<byte[]> r = server.postForBytes(server.otlpHttp() + "/v1/traces", PROTOBUF,
        request(backwards, fine).toByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    ExportTraceServiceResponse response = ExportTraceServiceResponse.parseFrom(r.body());
    assertThat(response.getPartialSuccess().getRejectedSpans()).isEqualTo(1);
    assertThat(response.getPartialSuccess().getErrorMessage()).contains("ends before it starts");
    server.awaitStored();
    assertThat(server.getJson("/api/v1/traces/" + String.format("%016x%016x", 7, trace)).get("spans")).hasSize(1);
  }

  @Test
  void tooManyAttributesRejectTheItem() {
    Span.Builder crowded = span(300, 1, 0, 5);
    for (int i = 0; i < 5; i++) {
      crowded.addAttributes(KeyValue.newBuilder().setKey("k" + i).setValue(AnyValue.newBuilder().setIntValue(i)));
    }
    HttpResponse<String> r = postTraces(request(crowded.build()).toByteArray());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("attributes");
  }

  @Test
  void oversizeBodyIs413() {
    byte[] big = new byte[200 * 1024];
    HttpResponse<String> r = postTraces(big);
    assertThat(r.statusCode()).isEqualTo(413);
  }

  @Test
  void gzipBombIs413() throws Exception {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 20; i++) {
        gzip.write(zeros);
      }
    }
    assertThat(compressed.size()).isLessThan(64 * 1024);
    HttpResponse<String> r = postTraces(compressed.toByteArray(), "Content-Encoding", "gzip");
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.body()).contains("inflates");
  }

  @Test
  void gzipBodiesAreAccepted() throws Exception {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
      gzip.write(request(span(400, 1, 0, 5).build()).toByteArray());
    }
    HttpResponse<String> r = postTraces(compressed.toByteArray(), "Content-Encoding", "gzip");
    assertThat(r.statusCode()).isEqualTo(200);
  }

  @Test
  void grpcAnswersInvalidArgumentForAllZeroIds() {
    TraceServiceGrpc.TraceServiceBlockingStub stub = GrpcClients.newClient(server.otlpGrpc(),
        TraceServiceGrpc.TraceServiceBlockingStub.class);
    Span zero = span(0, 1, 0, 5).setTraceId(ByteString.copyFrom(new byte[16])).build();
    assertThatThrownBy(() -> stub.export(request(zero)))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
          assertThat(e.getStatus().getDescription()).contains("traceId");
        });
    ExportTraceServiceResponse partial = stub.export(request(span(500, 1, 0, 5).build(), span(500, 2, 9, 1).build()));
    assertThat(partial.getPartialSuccess().getRejectedSpans()).isEqualTo(1);
  }

  @Test
  void grpcAnswersInvalidArgumentForATruncatedRequest() {
    byte[] whole = request(span(600, 1, 0, 5).build()).toByteArray();
    byte[] truncated = Arrays.copyOf(whole, whole.length - 7);
    ByteBuffer frame = ByteBuffer.allocate(5 + truncated.length).put((byte) 0).putInt(truncated.length).put(truncated);
    AggregatedHttpResponse r = WebClient.of(server.otlpGrpc()).execute(
        RequestHeaders.of(HttpMethod.POST, "/opentelemetry.proto.collector.trace.v1.TraceService/Export",
            HttpHeaderNames.CONTENT_TYPE, "application/grpc", HttpHeaderNames.TE, "trailers"),
        HttpData.wrap(frame.array())).aggregate().join();
    HttpHeaders status = r.trailers().isEmpty() ? r.headers() : r.trailers();
    assertThat(status.get("grpc-status")).isEqualTo(String.valueOf(Status.Code.INVALID_ARGUMENT.value()));
    assertThat(status.get("grpc-message")).contains("ExportTraceServiceRequest");
  }
}
