package dev.sightline.receivers.otlp;

import com.google.protobuf.Any;
import com.google.protobuf.Duration;
import com.google.rpc.Code;
import com.google.rpc.RetryInfo;
import com.google.rpc.Status;
import dev.sightline.ingestlog.LogFullException;
import dev.sightline.otlp.RequestTooLargeException;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.concurrent.CompletionException;

/**
 * Maps ingest failures to gRPC statuses as OTLP asks: retryable ones carry {@code RetryInfo} so
 * that clients back off and retry; permanent ones say what was wrong.
 */
public final class GrpcErrors {
  private GrpcErrors() {}

  public static StatusRuntimeException of(Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof LogFullException full) {
      Code code = full.backlogFull() ? Code.UNAVAILABLE : Code.RESOURCE_EXHAUSTED;
      return retryable(code, cause.getMessage(), full.retryAfterSeconds());
    }
    if (cause instanceof RequestTooLargeException) {
      return permanent(Code.INVALID_ARGUMENT, cause.getMessage());
    }
    return retryable(Code.UNAVAILABLE, "the ingest log could not store the request: " + cause.getMessage(), 1);
  }

  public static StatusRuntimeException permanent(Code code, String message) {
    return StatusProto.toStatusRuntimeException(
        Status.newBuilder().setCode(code.getNumber()).setMessage(message).build());
  }

  private static StatusRuntimeException retryable(Code code, String message, int seconds) {
    RetryInfo retry = RetryInfo.newBuilder().setRetryDelay(Duration.newBuilder().setSeconds(seconds)).build();
    return StatusProto.toStatusRuntimeException(Status.newBuilder().setCode(code.getNumber())
        .setMessage(message).addDetails(Any.pack(retry)).build());
  }
}
