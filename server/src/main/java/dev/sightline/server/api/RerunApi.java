package dev.sightline.server.api;

import dev.sightline.receivers.RequestTenant;
import static dev.sightline.server.api.JsonResponses.error;
import static dev.sightline.server.api.JsonResponses.ok;

import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.QueryParams;
import com.linecorp.armeria.server.ServerBuilder;
import dev.sightline.pipeline.Signal;
import dev.sightline.pipeline.processor.Pipelines;
import dev.sightline.storage.StorageException;
import dev.sightline.storage.StoredDataRewriter;
import dev.sightline.storage.TimeRange;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code POST /api/v1/pipelines/rerun}: the pipeline's batch mode. Re-runs declared processors
 * that change attributes over stored spans or log records of a time range and reports what they
 * changed; {@code dryRun=true} only counts. Off unless {@code api.rerun.enabled}, because it
 * changes stored data and, until roles exist, anyone who reaches the API could use it.
 */
public final class RerunApi {
  private static final int MAX_ITEMS = 1_000_000;
  private final Pipelines pipelines;
  private final Optional<StoredDataRewriter> rewriter;
  private final Clock clock;
  private final boolean enabled;

  public RerunApi(Pipelines pipelines, Optional<StoredDataRewriter> rewriter, Clock clock, boolean enabled) {
    this.pipelines = pipelines;
    this.rewriter = rewriter;
    this.clock = clock;
    this.enabled = enabled;
  }

  public void register(ServerBuilder sb) {
    sb.route().path("/api/v1/pipelines/rerun").methods(HttpMethod.POST).build((ctx, req) -> {
      if (!enabled) {
        return error(HttpStatus.FORBIDDEN, "re-running processors over stored data is disabled; set api.rerun.enabled=true "
            + "and restrict who can reach the API");
      }
      if (rewriter.isEmpty()) {
        return error(HttpStatus.NOT_IMPLEMENTED, "this storage backend cannot change stored data");
      }
      QueryParams query = QueryParams.fromQueryString(ctx.query());
      return HttpResponse.of(CompletableFuture.supplyAsync(() -> rerun(new Params(query, clock), query),
          ctx.blockingTaskExecutor()));
    });
  }

  private HttpResponse rerun(Params p, QueryParams query) {
    try {
      Signal signal = signal(p.string("signal"));
      List<String> ids = new ArrayList<>();
      for (String v : query.getAll("processors")) {
        for (String id : v.split(",")) {
          if (!id.isBlank()) {
            ids.add(id.trim());
          }
        }
      }
      TimeRange range = p.range(null);
      boolean dryRun = p.bool("dryRun");
      StoredDataRewriter.Report r = pipelines.rerun(rewriter.orElseThrow(), signal, ids, RequestTenant.current(), range,
          p.limit(100_000, MAX_ITEMS), dryRun);
      return ok(g -> {
        g.writeStartObject();
        g.writeStringField("signal", signal.label());
        g.writeArrayFieldStart("processors");
        for (String id : ids) g.writeString(id);
        g.writeEndArray();
        g.writeBooleanField("dryRun", dryRun);
        g.writeNumberField("examined", r.examined());
        g.writeNumberField("changed", r.changed());
        g.writeBooleanField("truncated", r.truncated());
        g.writeStringField("lastTimeUnixNano", Long.toString(r.lastTimeNanos()));
        g.writeEndObject();
      });
    } catch (BadRequestException | IllegalArgumentException e) {
      return error(HttpStatus.BAD_REQUEST, e.getMessage());
    } catch (StorageException e) {
      return error(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    }
  }

  private static Signal signal(String name) {
    if ("traces".equals(name)) {
      return Signal.TRACES;
    }
    if ("logs".equals(name)) {
      return Signal.LOGS;
    }
    throw new BadRequestException("signal: expected traces or logs, got " + (name == null ? "nothing" : "'" + name + "'"));
  }
}
