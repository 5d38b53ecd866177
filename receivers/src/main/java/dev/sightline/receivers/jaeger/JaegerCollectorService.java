package dev.sightline.receivers.jaeger;

import com.google.rpc.Code;
import dev.sightline.pipeline.SelfMetrics;
import dev.sightline.receivers.otlp.GrpcErrors;
import dev.sightline.receivers.otlp.IngestOutcome;
import dev.sightline.receivers.otlp.OtlpIngest;
import dev.sightline.receivers.otlp.RawBytesMarshaller;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;

/**
 * {@code jaeger.api_v2.CollectorService/PostSpans}, the collector's gRPC API that Jaeger agents,
 * the OpenTelemetry Jaeger exporters and the Collector's Jaeger exporter call. The response is
 * empty; when some spans of a batch could not be decoded or were invalid, the others are stored
 * and the call fails with INVALID_ARGUMENT naming them, which clients do not retry. A full ingest
 * log answers RESOURCE_EXHAUSTED or UNAVAILABLE with a retry delay.
 */
public final class JaegerCollectorService {
  static final String TRANSPORT = "jaeger_grpc";
  private static final byte[] EMPTY_RESPONSE = new byte[0];
  private static final MethodDescriptor<byte[], byte[]> POST_SPANS = MethodDescriptor.<byte[], byte[]>newBuilder()
      .setType(MethodDescriptor.MethodType.UNARY)
      .setFullMethodName("jaeger.api_v2.CollectorService/PostSpans")
      .setRequestMarshaller(RawBytesMarshaller.INSTANCE)
      .setResponseMarshaller(RawBytesMarshaller.INSTANCE)
      .build();

  private JaegerCollectorService() {}

  public static ServerServiceDefinition definition(OtlpIngest ingest, SelfMetrics metrics) {
    JaegerBatchIngest batches = new JaegerBatchIngest(ingest, TRANSPORT, metrics);
    return ServerServiceDefinition.builder("jaeger.api_v2.CollectorService")
        .addMethod(POST_SPANS, ServerCalls.asyncUnaryCall((body, observer) -> postSpans(batches, body, observer)))
        .build();
  }

  private static void postSpans(JaegerBatchIngest batches, byte[] body, StreamObserver<byte[]> observer) {
    CompletableFuture<IngestOutcome> stored;
    try {
      stored = batches.store(JaegerProtoDecoder.decode(body));
    } catch (DecodedBatch.UnreadableBodyException e) {
      batches.unreadable();
      observer.onError(GrpcErrors.permanent(Code.INVALID_ARGUMENT, e.getMessage()));
      return;
    } catch (RuntimeException e) {
      observer.onError(GrpcErrors.of(e));
      return;
    }
    stored.whenComplete((outcome, error) -> {
      if (error != null) {
        observer.onError(GrpcErrors.of(error));
      } else if (!outcome.message().isEmpty()) {
        observer.onError(GrpcErrors.permanent(Code.INVALID_ARGUMENT, outcome.message()));
      } else {
        observer.onNext(EMPTY_RESPONSE);
        observer.onCompleted();
      }
    });
  }
}
