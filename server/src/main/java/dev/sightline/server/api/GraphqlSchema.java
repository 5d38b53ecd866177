package dev.sightline.server.api;

import dev.sightline.alerting.RuleManager;
import dev.sightline.query.promql.PromqlEngine;
import dev.sightline.storage.Storage;
import graphql.GraphQL;
import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.language.IntValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The executable schema: {@code graphql/sightline.graphqls} from the classpath, its fields wired to
 * the resolvers over the store, the PromQL engine and the rule manager, with the limits and the
 * error handling of {@link GraphqlLimits} and {@link GraphqlErrors}.
 */
final class GraphqlSchema {
  static final String RESOURCE = "graphql/sightline.graphqls";

  private GraphqlSchema() {}

  /** The schema as written in the repository, comments included. */
  static String text() {
    try (InputStream in = GraphqlSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static GraphQL build(Storage storage, @Nullable PromqlEngine engine, @Nullable RuleManager rules) {
    GraphqlTraceQueries traces = new GraphqlTraceQueries(storage);
    GraphqlLogQueries logs = new GraphqlLogQueries(storage);
    GraphqlMetricQueries metrics = new GraphqlMetricQueries(engine);
    GraphqlAlertQueries alerts = new GraphqlAlertQueries(rules);
    RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
        .scalar(LONG)
        .type("Query", t -> t
            .dataFetcher("services", traces.services())
            .dataFetcher("operations", traces.operations())
            .dataFetcher("traces", traces.traces())
            .dataFetcher("trace", traces.trace())
            .dataFetcher("logs", logs.logs())
            .dataFetcher("metrics", metrics.metrics())
            .dataFetcher("alerts", alerts.alerts())
            .dataFetcher("rules", alerts.rules()))
        .type("Trace", t -> t.dataFetcher("logs", traces.traceLogs()))
        .type("Metrics", t -> t.dataFetcher("instant", metrics.instant()).dataFetcher("range", metrics.range()))
        .build();
    GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(text()), wiring);
    return GraphQL.newGraphQL(schema)
        .instrumentation(new ChainedInstrumentation(GraphqlLimits.instrumentations()))
        .defaultDataFetcherExceptionHandler(new GraphqlErrors())
        .build();
  }

  /** {@code Long}: 64-bit integers as JSON numbers (GraphQL's {@code Int} has 32 bits). */
  private static final GraphQLScalarType LONG = GraphQLScalarType.newScalar().name("Long")
      .description("A 64-bit integer, written as a JSON number.")
      .coercing(new Coercing<Long, Long>() {
        @Override
        public Long serialize(Object value, GraphQLContext context, Locale locale) {
          if (value instanceof Number n) {
            return n.longValue();
          }
          throw new CoercingSerializeException("Long: " + value + " is not a number");
        }

        @Override
        public Long parseValue(Object input, GraphQLContext context, Locale locale) {
          if (input instanceof Number n) {
            return n.longValue();
          }
          try {
            return Long.parseLong(input.toString());
          } catch (NumberFormatException e) {
            throw new CoercingParseValueException("Long: '" + input + "' is not a 64-bit integer");
          }
        }

        @Override
        public Long parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
          if (input instanceof IntValue i) {
            return i.getValue().longValueExact();
          }
          if (input instanceof StringValue s) {
            try {
              return Long.parseLong(s.getValue());
            } catch (NumberFormatException e) {
              throw new CoercingParseLiteralException("Long: '" + s.getValue() + "' is not a 64-bit integer");
            }
          }
          throw new CoercingParseLiteralException("Long: expected an integer, got " + input.getClass().getSimpleName());
        }

        @Override
        public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
          return new IntValue(java.math.BigInteger.valueOf(serialize(input, context, locale)));
        }
      }).build();
}
