package dev.sightline.server.api;

import dev.sightline.query.promql.PromqlException;
import dev.sightline.storage.StorageException;
import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerParameters;
import graphql.execution.DataFetcherExceptionHandlerResult;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLNamedType;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what a resolver throws into a GraphQL error with a message a person can act on and an
 * {@code extensions.code}: {@code BAD_USER_INPUT} (the argument and the expected form, PromQL's
 * parser message), {@code FORBIDDEN} (the missing permission), {@code UNAVAILABLE} (the store or
 * query engine), {@code INTERNAL} (logged with its stack trace here, never sent).
 */
final class GraphqlErrors implements DataFetcherExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(GraphqlErrors.class);

  /** The caller's role lacks the permission a field needs. */
  static final class Denied extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Denied(String message) {
      super(message, null, false, false);
    }
  }

  /** A feature this server runs without (PromQL on a store without samples, alerting turned off). */
  static final class Unavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unavailable(String message) {
      super(message, null, false, false);
    }
  }

  /** {@code Type.field} of the field being resolved, e.g. {@code Query.logs}. */
  static String field(DataFetchingEnvironment env) {
    return ((GraphQLNamedType) env.getParentType()).getName() + "." + env.getField().getName();
  }

  @Override
  public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(DataFetcherExceptionHandlerParameters params) {
    Throwable e = params.getException();
    DataFetchingEnvironment env = params.getDataFetchingEnvironment();
    String code;
    String message;
    switch (e) {
      case BadRequestException b -> {
        code = "BAD_USER_INPUT";
        message = b.getMessage();
      }
      case IllegalArgumentException b -> {
        code = "BAD_USER_INPUT";
        message = b.getMessage();
      }
      case Denied d -> {
        code = "FORBIDDEN";
        message = d.getMessage();
      }
      case PromqlException p -> {
        code = p.type() == PromqlException.ErrorType.BAD_DATA ? "BAD_USER_INPUT" : "UNAVAILABLE";
        message = p.getMessage();
      }
      case Unavailable u -> {
        code = "UNAVAILABLE";
        message = u.getMessage();
      }
      case StorageException s -> {
        log.warn("GraphQL field {} failed", field(env), s);
        code = "UNAVAILABLE";
        message = s.getMessage();
      }
      default -> {
        log.error("GraphQL field {} failed", field(env), e);
        code = "INTERNAL";
        message = field(env) + " failed on the server (" + e.getClass().getSimpleName() + "); the server log has the details";
      }
    }
    GraphQLError error = GraphqlErrorBuilder.newError(env).message("%s", message)
        .errorType(ErrorClassification.errorClassification(code)).extensions(Map.of("code", code)).build();
    return CompletableFuture.completedFuture(DataFetcherExceptionHandlerResult.newResult(error).build());
  }
}
