package dev.sightline.receivers.jaeger;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import com.google.rpc.Code;
import dev.sightline.receivers.otlp.GrpcErrors;
import dev.sightline.receivers.otlp.RawBytesMarshaller;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.IOException;

/**
 * {@code jaeger.api_v2.SamplingManager/GetSamplingStrategy}, which the OpenTelemetry SDKs'
 * {@code jaeger_remote} samplers poll for their service's strategy.
 */
public final class SamplingManagerService {
  private static final MethodDescriptor<byte[], byte[]> GET_STRATEGY = MethodDescriptor.<byte[], byte[]>newBuilder()
      .setType(MethodDescriptor.MethodType.UNARY)
      .setFullMethodName("jaeger.api_v2.SamplingManager/GetSamplingStrategy")
      .setRequestMarshaller(RawBytesMarshaller.INSTANCE)
      .setResponseMarshaller(RawBytesMarshaller.INSTANCE)
      .build();

  private SamplingManagerService() {}

  public static ServerServiceDefinition definition(SamplingStrategies strategies) {
    return ServerServiceDefinition.builder("jaeger.api_v2.SamplingManager")
        .addMethod(GET_STRATEGY, ServerCalls.asyncUnaryCall((body, observer) -> answer(strategies, body, observer)))
        .build();
  }

  private static void answer(SamplingStrategies strategies, byte[] body, StreamObserver<byte[]> observer) {
    String service;
    try {
      service = serviceName(body);
    } catch (IOException e) {
      observer.onError(GrpcErrors.permanent(Code.INVALID_ARGUMENT,
          "the request is not a jaeger.api_v2.SamplingStrategyParameters: " + e.getMessage()));
      return;
    }
    if (service.isEmpty()) {
      observer.onError(GrpcErrors.permanent(Code.INVALID_ARGUMENT, "serviceName is required"));
      return;
    }
    observer.onNext(strategies.forService(service).toProto());
    observer.onCompleted();
  }

  /** {@code SamplingStrategyParameters.serviceName}, field 1. */
  private static String serviceName(byte[] body) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(body);
    String service = "";
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (WireFormat.getTagFieldNumber(tag) == 1 && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
        service = in.readString();
      } else {
        in.skipField(tag);
      }
    }
    return service;
  }
}
