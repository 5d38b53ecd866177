package dev.sightline.receivers.otlp;

import io.grpc.BindableService;
import io.grpc.stub.StreamObserver;
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

/** The three OTLP collector services over gRPC. */
public final class OtlpGrpcServices {
  static final String TRANSPORT = "grpc";

  private OtlpGrpcServices() {}

  public static List<BindableService> of(OtlpIngest ingest, String tenant) {
    return List.of(new Traces(ingest, tenant), new Metrics(ingest, tenant), new Logs(ingest, tenant));
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

  private static final class Traces extends TraceServiceGrpc.TraceServiceImplBase {
    private final OtlpIngest ingest;
    private final String tenant;

    Traces(OtlpIngest ingest, String tenant) {
      this.ingest = ingest;
      this.tenant = tenant;
    }

    @Override
    public void export(ExportTraceServiceRequest request, StreamObserver<ExportTraceServiceResponse> observer) {
      GrpcExport.answer(() -> ingest.traces(request, null, TRANSPORT, tenant), OtlpGrpcServices::traceResponse, observer);
    }
  }

  private static final class Metrics extends MetricsServiceGrpc.MetricsServiceImplBase {
    private final OtlpIngest ingest;
    private final String tenant;

    Metrics(OtlpIngest ingest, String tenant) {
      this.ingest = ingest;
      this.tenant = tenant;
    }

    @Override
    public void export(ExportMetricsServiceRequest request, StreamObserver<ExportMetricsServiceResponse> observer) {
      GrpcExport.answer(() -> ingest.metrics(request, null, TRANSPORT, tenant), OtlpGrpcServices::metricsResponse, observer);
    }
  }

  private static final class Logs extends LogsServiceGrpc.LogsServiceImplBase {
    private final OtlpIngest ingest;
    private final String tenant;

    Logs(OtlpIngest ingest, String tenant) {
      this.ingest = ingest;
      this.tenant = tenant;
    }

    @Override
    public void export(ExportLogsServiceRequest request, StreamObserver<ExportLogsServiceResponse> observer) {
      GrpcExport.answer(() -> ingest.logs(request, null, TRANSPORT, tenant), OtlpGrpcServices::logsResponse, observer);
    }
  }
}
