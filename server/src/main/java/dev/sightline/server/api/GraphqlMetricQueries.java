package dev.sightline.server.api;

import dev.sightline.query.promql.PromqlEngine;
import dev.sightline.security.auth.Permission;
import graphql.schema.DataFetcher;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * {@code metrics}: PromQL on the engine behind {@code /api/v1/query} and {@code /api/v1/query_range},
 * with its limits and timeout, in the caller's tenant.
 */
final class GraphqlMetricQueries {
  private final @Nullable PromqlEngine engine;

  GraphqlMetricQueries(@Nullable PromqlEngine engine) {
    this.engine = engine;
  }

  /** The {@code Metrics} object: no data of its own; {@code instant} and {@code range} are its fields. */
  record MetricsField() {}

  /** The permission is checked once, here, for the fields below it. */
  DataFetcher<MetricsField> metrics() {
    return env -> {
      GraphqlCall.of(env).require(Permission.READ_METRICS, env);
      return new MetricsField();
    };
  }

  DataFetcher<GraphqlPromql> instant() {
    return env -> {
      GraphqlCall call = GraphqlCall.of(env);
      GraphqlArgs args = GraphqlArgs.of(env.getArguments());
      String query = args.required("query");
      Long time = args.time("time");
      long ms = time == null ? call.clock().millis() : Math.floorDiv(time, 1_000_000L);
      return GraphqlPromql.of(engine().instantQuery(call.tenant(), query, ms), call.masking());
    };
  }

  DataFetcher<GraphqlPromql> range() {
    return env -> {
      GraphqlCall call = GraphqlCall.of(env);
      GraphqlArgs args = GraphqlArgs.of(env.getArguments());
      String query = args.required("query");
      long start = required(args, "start");
      long end = required(args, "end");
      Duration step = args.step("step");
      return GraphqlPromql.of(engine().rangeQuery(call.tenant(), query, Math.floorDiv(start, 1_000_000L),
          Math.floorDiv(end, 1_000_000L), step.toMillis()), call.masking());
    };
  }

  private static long required(GraphqlArgs args, String name) {
    Long t = args.time(name);
    if (t == null) {
      throw new BadRequestException(name + ": required, as RFC 3339 or Unix seconds");
    }
    return t;
  }

  private PromqlEngine engine() {
    if (engine == null) {
      throw new GraphqlErrors.Unavailable("PromQL is not available: this store keeps no metric samples");
    }
    return engine;
  }
}
