package dev.sightline.server.api;

import dev.sightline.security.auth.Permission;
import dev.sightline.storage.LogQuery;
import dev.sightline.storage.Operation;
import dev.sightline.storage.Storage;
import dev.sightline.storage.StoredLog;
import dev.sightline.storage.StoredSpan;
import dev.sightline.storage.TraceQuery;
import dev.sightline.storage.TraceSummary;
import graphql.schema.DataFetcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The trace fields of the schema ({@code services}, {@code operations}, {@code traces},
 * {@code trace} and a trace's {@code logs}), on the store's readers exactly as {@link QueryApi}
 * uses them: the same defaults, page limits and masking.
 */
final class GraphqlTraceQueries {
  static final int MAX_TRACES = 1000;
  /** As many of a trace's logs as the REST trace answer carries. */
  static final int TRACE_LOGS = 1000;
  private static final Duration SEARCH_LOOKBACK = Duration.ofHours(1);
  private static final Set<String> KINDS = Set.of("UNSPECIFIED", "INTERNAL", "SERVER", "CLIENT", "PRODUCER", "CONSUMER");
  private final Storage storage;

  GraphqlTraceQueries(Storage storage) {
    this.storage = storage;
  }

  /** A trace with its spans; its logs are a field of their own, read only when asked for. */
  record GraphqlTrace(String traceId, List<GraphqlSpan> spans) {}

  record GraphqlOperation(String name, String kind) {}

  DataFetcher<List<String>> services() {
    return env -> {
      GraphqlCall call = GraphqlCall.of(env);
      call.require(Permission.READ_TRACES, env);
      return storage.traces().services(call.tenant());
    };
  }

  DataFetcher<List<GraphqlOperation>> operations() {
    return env -> {
      GraphqlCall call = GraphqlCall.of(env);
      call.require(Permission.READ_TRACES, env);
      String service = GraphqlArgs.of(env.getArguments()).required("service");
      List<GraphqlOperation> out = new ArrayList<>();
      for (Operation op : storage.traces().operations(call.tenant(), service)) {
        out.add(new GraphqlOperation(op.name(), kind(op.spanKind())));
      }
      return out;
    };
  }

  DataFetcher<GraphqlPaging.Connection<TraceSummaryView>> traces() {
    return env -> {
      GraphqlCall call = GraphqlCall.of(env);
      call.require(Permission.READ_TRACES, env);
      GraphqlArgs args = GraphqlArgs.of(env.getArguments());
      GraphqlArgs search = GraphqlArgs.input(env.getArgument("search"), "search");
      TraceQuery.Builder query = TraceQuery.builder(call.tenant())
          .range(search.range(call.clock(), SEARCH_LOOKBACK))
          .service(search.string("service"))
          .operation(search.string("operation"))
          .minDurationNanos(search.durationNanos("minDuration"))
          .maxDurationNanos(search.durationNanos("maxDuration"))
          .errorsOnly(search.bool("errorsOnly"));
      search.attributes("attributes").forEach(a -> query.attribute(a.key(), a.value()));
      int first = args.first(20, MAX_TRACES, "traces");
      return GraphqlPaging.page("traces", args.string("after"), first, MAX_TRACES,
          (cursor, limit) -> storage.traces().search(query.cursor(cursor).limit(limit).build()), TraceSummaryView::of);
    };
  }

  DataFetcher<@Nullable GraphqlTrace> trace() {
    return env -> {
      GraphqlCall call = GraphqlCall.of(env);
      call.require(Permission.READ_TRACES, env);
      String id = GraphqlArgs.of(env.getArguments()).traceId("id");
      if (id == null) {
        throw new BadRequestException("id: required, a trace id of 32 hex digits");
      }
      List<StoredSpan> spans = storage.traces().trace(call.tenant(), id);
      if (spans.isEmpty()) {
        return null;
      }
      return new GraphqlTrace(id, spans.stream().map(s -> GraphqlSpan.of(call.masking().span(s))).toList());
    };
  }

  /** {@code Trace.logs}: a second signal, so a second permission. Oldest first, as in the REST trace. */
  DataFetcher<List<GraphqlLog>> traceLogs() {
    return env -> {
      GraphqlCall call = GraphqlCall.of(env);
      call.require(Permission.READ_LOGS, env);
      GraphqlTrace trace = env.getSource();
      List<StoredLog> logs = storage.logs().search(LogQuery.builder(call.tenant())
          .traceId(trace.traceId()).limit(TRACE_LOGS).build()).items();
      List<GraphqlLog> out = new ArrayList<>(logs.size());
      for (int i = logs.size() - 1; i >= 0; i--) {
        out.add(GraphqlLog.of(call.masking().log(logs.get(i))));
      }
      return out;
    };
  }

  /** The {@code SpanKind} of a stored kind name such as {@code SPAN_KIND_SERVER}. */
  private static String kind(String stored) {
    String k = stored.replace("SPAN_KIND_", "");
    return KINDS.contains(k) ? k : "UNKNOWN";
  }

  /** {@code TraceSummary}: a trace found by a search. */
  record TraceSummaryView(String traceId, String rootService, String rootName, String startTimeUnixNano, long durationNanos,
      int spanCount, int errorCount, List<String> services) {
    static TraceSummaryView of(TraceSummary t) {
      return new TraceSummaryView(t.traceId(), t.rootService(), t.rootName(), GraphqlValues.nanos(t.startNanos()),
          t.durationNanos(), t.spanCount(), t.errorCount(), t.services());
    }
  }
}
