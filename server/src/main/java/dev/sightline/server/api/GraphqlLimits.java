package dev.sightline.server.api;

import graphql.ExecutionResult;
import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.schema.GraphQLNamedType;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How big a query may be: {@value #MAX_DEPTH} levels deep and a cost of {@value #MAX_COST}, where
 * every field costs 1, a field that reads the store or runs PromQL {@value #READ_COST} more, and the
 * fields under a page count once per {@value #ITEMS_PER_COST} items it asks for. Page sizes are
 * checked by the fields, as in REST. Introspection queries (only {@code __schema}, {@code __type})
 * are left to graphql-java's good-faith introspection limits, so that tools can read the schema.
 */
final class GraphqlLimits {
  static final int MAX_DEPTH = 12;
  static final int MAX_COST = 5000;
  static final int READ_COST = 10;
  static final int ITEMS_PER_COST = 100;
  private static final Set<String> READS = Set.of("Query.services", "Query.operations", "Query.traces", "Query.trace",
      "Query.logs", "Query.alerts", "Query.rules", "Metrics.instant", "Metrics.range", "Trace.logs");
  /** Pages, their default and largest sizes. */
  private static final Map<String, int[]> PAGES = Map.of("Query.traces", new int[] {20, GraphqlTraceQueries.MAX_TRACES},
      "Query.logs", new int[] {100, GraphqlLogQueries.MAX_LOGS});

  private GraphqlLimits() {}

  static List<Instrumentation> instrumentations() {
    return List.of(new Depth(), new Cost());
  }

  /** The error of a query over a limit, with {@code extensions.code} {@code LIMIT_EXCEEDED}. */
  static final class Exceeded extends AbortExecutionException {
    private static final long serialVersionUID = 1L;

    Exceeded(String message) {
      super(message);
    }

    @Override
    public Map<String, Object> getExtensions() {
      return Map.of("code", "LIMIT_EXCEEDED");
    }
  }

  private static final class Depth extends MaxQueryDepthInstrumentation {
    Depth() {
      super(MAX_DEPTH);
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters p,
        InstrumentationState state) {
      return introspection(p) ? SimplePerformantInstrumentation.INSTANCE.beginExecuteOperation(p, state)
          : super.beginExecuteOperation(p, state);
    }

    @Override
    protected AbortExecutionException mkAbortException(int depth, int maxDepth) {
      return new Exceeded("the query is " + depth + " levels deep; the limit is " + maxDepth + " (query depth)");
    }
  }

  private static final class Cost extends MaxQueryComplexityInstrumentation {
    Cost() {
      super(MAX_COST, COST);
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters p,
        InstrumentationState state) {
      return introspection(p) ? SimplePerformantInstrumentation.INSTANCE.beginExecuteOperation(p, state)
          : super.beginExecuteOperation(p, state);
    }

    @Override
    protected AbortExecutionException mkAbortException(int cost, int max) {
      return new Exceeded("the query costs " + cost + "; the limit is " + max + " (query cost: every field 1, a field that "
          + "reads the store or runs PromQL " + READ_COST + " more, a page's fields once per " + ITEMS_PER_COST
          + " items asked for)");
    }
  }

  private static final FieldComplexityCalculator COST = (env, children) -> {
    String parent = ((GraphQLNamedType) env.getParentType()).getName();
    String name = env.getField().getName();
    if (name.startsWith("__") || parent.startsWith("__")) {
      return 0;
    }
    String field = parent + "." + name;
    int own = READS.contains(field) ? 1 + READ_COST : 1;
    int[] page = PAGES.get(field);
    if (page == null) {
      return own + children;
    }
    Object first = env.getArguments().get("first");
    int size = first instanceof Number n ? Math.clamp(n.longValue(), 1, page[1]) : page[0];
    return own + children * ((size + ITEMS_PER_COST - 1) / ITEMS_PER_COST);
  };

  /** Whether the operation asks for nothing but the schema, as tools do to learn it. */
  private static boolean introspection(InstrumentationExecuteOperationParameters p) {
    OperationDefinition op = p.getExecutionContext().getOperationDefinition();
    return op.getSelectionSet().getSelections().stream()
        .allMatch(s -> s instanceof Field f && (f.getName().equals("__schema") || f.getName().equals("__type")
            || f.getName().equals("__typename")));
  }
}
