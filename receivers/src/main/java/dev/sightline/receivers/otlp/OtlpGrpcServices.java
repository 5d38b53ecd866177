package dev.sightline.receivers.otlp;

import dev.sightline.receivers.RequestTenant;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.Code;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCallHandler;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCalls;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsPartialSuccess;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;

/** The three OTLP collector services over gRPC. */
public final class OtlpGrpcServices {
  static final String TRANSPORT = "grpc";

  private OtlpGrpcServices() {}

  /**
   * The services. Requests arrive as their protobuf bytes, which are stored as received when every
   * item is valid: the server decodes each request once and never re-encodes it.
   */
  public static List<ServerServiceDefinition> of(OtlpIngest ingest) {
    return List.of(
        service(TraceServiceGrpc.getExportMethod(), ExportTraceServiceRequest::parseFrom, "ExportTraceServiceRequest",
            (request, bytes) -> ingest.traces(request, bytes, TRANSPORT, RequestTenant.current()), OtlpGrpcServices::traceResponse),
        service(MetricsServiceGrpc.getExportMethod(), ExportMetricsServiceRequest::parseFrom, "ExportMetricsServiceRequest",
            (request, bytes) -> ingest.metrics(request, bytes, TRANSPORT, RequestTenant.current()), OtlpGrpcServices::metricsResponse),
        service(LogsServiceGrpc.getExportMethod(), ExportLogsServiceRequest::parseFrom, "ExportLogsServiceRequest",
            (request, bytes) -> ingest.logs(request, bytes, TRANSPORT, RequestTenant.current()), OtlpGrpcServices::logsResponse));
  }

  private interface Parser<Q> {
    Q parse(byte[] bytes) throws InvalidProtocolBufferException;
  }

  private static <Q, R> ServerServiceDefinition service(MethodDescriptor<Q, R> export, Parser<Q> parser,
      String type, BiFunction<Q, byte[], CompletableFuture<IngestOutcome>> ingest,
      Function<IngestOutcome, R> response) {
    MethodDescriptor<byte[], R> raw = export.toBuilder(RawBytesMarshaller.INSTANCE, export.getResponseMarshaller()).build();
    ServerCallHandler<byte[], R> handler = ServerCalls.asyncUnaryCall((bytes, observer) -> {
      Q request;
      try {
        request = parser.parse(bytes);
      } catch (InvalidProtocolBufferException e) {
        observer.onError(GrpcErrors.permanent(Code.INVALID_ARGUMENT,
            "the request is not a valid " + type + ": " + e.getMessage()));
        return;
      }
      GrpcExport.answer(() -> ingest.apply(request, bytes), response, observer);
    });
    return ServerServiceDefinition.builder(export.getServiceName()).addMethod(raw, handler).build();
  }

  static ExportTraceServiceResponse traceResponse(IngestOutcome o) {
    ExportTraceServiceResponse.Builder b = ExportTraceServiceResponse.newBuilder();
    if (o.rejected() > 0) {
      b.setPartialSuccess(ExportTracePartialSuccess.newBuilder().setRejectedSpans(o.rejected()).setErrorMessage(o.message()));
    }
    return b.build();
  }

  static ExportMetricsServiceResponse metricsResponse(IngestOutcome o) {
    ExportMetricsServiceResponse.Builder b = ExportMetricsServiceResponse.newBuilder();
    if (o.rejected() > 0) {
      b.setPartialSuccess(ExportMetricsPartialSuccess.newBuilder().setRejectedDataPoints(o.rejected()).setErrorMessage(o.message()));
    }
    return b.build();
  }

  static ExportLogsServiceResponse logsResponse(IngestOutcome o) {
    ExportLogsServiceResponse.Builder b = ExportLogsServiceResponse.newBuilder();
    if (o.rejected() > 0) {
      b.setPartialSuccess(ExportLogsPartialSuccess.newBuilder().setRejectedLogRecords(o.rejected()).setErrorMessage(o.message()));
    }
    return b.build();
  }
}
