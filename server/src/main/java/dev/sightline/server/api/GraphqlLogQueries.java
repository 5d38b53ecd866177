package dev.sightline.server.api;

import dev.sightline.security.auth.Permission;
import dev.sightline.storage.LogQuery;
import dev.sightline.storage.Storage;
import graphql.schema.DataFetcher;
import java.time.Duration;

/** {@code logs}: the REST log search ({@link QueryApi}) as a Relay connection, masked for the caller. */
final class GraphqlLogQueries {
  static final int MAX_LOGS = 5000;
  private static final Duration SEARCH_LOOKBACK = Duration.ofHours(1);
  private final Storage storage;

  GraphqlLogQueries(Storage storage) {
    this.storage = storage;
  }

  DataFetcher<GraphqlPaging.Connection<GraphqlLog>> logs() {
    return env -> {
      GraphqlCall call = GraphqlCall.of(env);
      call.require(Permission.READ_LOGS, env);
      GraphqlArgs args = GraphqlArgs.of(env.getArguments());
      GraphqlArgs search = GraphqlArgs.input(env.getArgument("search"), "search");
      LogQuery.Builder query = LogQuery.builder(call.tenant())
          .range(search.range(call.clock(), SEARCH_LOOKBACK))
          .service(search.string("service"))
          .minSeverityNumber(severity(search.string("minSeverity")))
          .bodyContains(search.string("contains"))
          .traceId(search.traceId("traceId"));
      search.attributes("attributes").forEach(a -> query.attribute(a.key(), a.value()));
      int first = args.first(100, MAX_LOGS, "logs");
      return GraphqlPaging.page("logs", args.string("after"), first, MAX_LOGS,
          (cursor, limit) -> storage.logs().search(query.cursor(cursor).limit(limit).build()),
          log -> GraphqlLog.of(call.masking().log(log)));
    };
  }

  private static int severity(@org.jspecify.annotations.Nullable String raw) {
    try {
      return Severity.parse(raw);
    } catch (BadRequestException e) {
      throw new BadRequestException("search." + e.getMessage());
    }
  }
}
