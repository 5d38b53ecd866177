package dev.sightline.receivers.otlp;

import com.google.rpc.Code;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/** Answers one gRPC export call from the outcome of {@link OtlpIngest}. */
final class GrpcExport {
  private GrpcExport() {}

  static <R> void answer(Supplier<CompletableFuture<IngestOutcome>> ingest,
      Function<IngestOutcome, R> response, StreamObserver<R> observer) {
    CompletableFuture<IngestOutcome> outcome;
    try {
      outcome = ingest.get();
    } catch (RuntimeException e) {
      observer.onError(GrpcErrors.of(e));
      return;
    }
    outcome.whenComplete((result, error) -> {
      if (error != null) {
        observer.onError(GrpcErrors.of(error));
      } else if (result.allRejected()) {
        observer.onError(GrpcErrors.permanent(Code.INVALID_ARGUMENT, result.message()));
      } else {
        observer.onNext(response.apply(result));
        observer.onCompleted();
      }
    });
  }
}
