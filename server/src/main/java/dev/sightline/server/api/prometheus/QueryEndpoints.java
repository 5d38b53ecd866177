package dev.sightline.server.api.prometheus;

import dev.sightline.server.api.Masking;
import dev.sightline.receivers.RequestTenant;
import com.fasterxml.jackson.core.JsonGenerator;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import dev.sightline.query.promql.PromqlEngine;
import dev.sightline.query.promql.PromqlException;
import dev.sightline.query.promql.QueryResult;
import java.io.IOException;
import java.time.Clock;

/**
 * {@code /api/v1/query} and {@code /api/v1/query_range}: PromQL evaluated by the engine, answered
 * in Prometheus's result shapes ({@code vector}, {@code matrix}, {@code scalar}, {@code string}).
 */
public final class QueryEndpoints {
  private final PromqlEngine engine;
  private final Clock clock;
  private final java.util.Optional<dev.sightline.storage.tier.Tiers> tiers;

  /** {@code tiers}: when present, answers warn of the parts of their range that no tier could read. */
  public QueryEndpoints(PromqlEngine engine, Clock clock, java.util.Optional<dev.sightline.storage.tier.Tiers> tiers) {
    this.tiers = tiers;
    this.engine = engine;
    this.clock = clock;
  }

  HttpResponse instant(PromParams p) {
    String query = p.required("query");
    long time = p.time("time", clock.millis());
    return answer(engine.instantQuery(RequestTenant.current(), query, time), p.masking(), warnings(time, time));
  }

  HttpResponse range(PromParams p) {
    String query = p.required("query");
    long start = PromParams.parseTime("start", p.get("start") == null ? "" : p.get("start"));
    long end = PromParams.parseTime("end", p.get("end") == null ? "" : p.get("end"));
    long step = p.duration("step");
    if (end < start) {
      throw ApiError.badData("end timestamp must not be before start time");
    }
    if (step <= 0) {
      throw ApiError.badData("zero or negative query resolution step widths are not accepted. Try a positive integer");
    }
    return answer(engine.rangeQuery(RequestTenant.current(), query, start, end, step), p.masking(), warnings(start, end));
  }

  /** What the storage tiers could not read of the range (Prometheus's {@code warnings}). */
  private java.util.List<String> warnings(long startMs, long endMs) {
    long hourMs = 3_600_000L;
    dev.sightline.storage.TimeRange range = new dev.sightline.storage.TimeRange(
        Math.max(0, startMs - hourMs) * 1_000_000L, Math.max(0, endMs) * 1_000_000L);
    return tiers.map(t -> t.plan(RequestTenant.current(), dev.sightline.storage.tier.SignalType.METRICS, range).skipped())
        .orElse(java.util.List.of());
  }

  private static HttpResponse answer(QueryResult result, Masking masking, java.util.List<String> warnings) {
    return PromJson.success(warnings, g -> {
      g.writeStartObject();
      switch (result) {
        case QueryResult.ScalarResult s -> {
          g.writeStringField("resultType", "scalar");
          g.writeFieldName("result");
          PromJson.point(g, s.timestampMs(), s.value());
        }
        case QueryResult.StringResult s -> {
          g.writeStringField("resultType", "string");
          g.writeFieldName("result");
          g.writeStartArray();
          PromJson.time(g, s.timestampMs());
          g.writeString(s.value());
          g.writeEndArray();
        }
        case QueryResult.VectorResult v -> {
          g.writeStringField("resultType", "vector");
          g.writeArrayFieldStart("result");
          for (QueryResult.Sample s : v.samples()) {
            g.writeStartObject();
            g.writeFieldName("metric");
            PromJson.labels(g, s.labels(), masking);
            g.writeFieldName("value");
            PromJson.point(g, s.timestampMs(), s.value());
            g.writeEndObject();
          }
          g.writeEndArray();
        }
        case QueryResult.MatrixResult m -> {
          g.writeStringField("resultType", "matrix");
          g.writeArrayFieldStart("result");
          for (QueryResult.Series s : m.series()) {
            series(g, s, masking);
          }
          g.writeEndArray();
        }
      }
      g.writeEndObject();
    });
  }

  private static void series(JsonGenerator g, QueryResult.Series s, Masking masking) throws IOException {
    g.writeStartObject();
    g.writeFieldName("metric");
    PromJson.labels(g, s.labels(), masking);
    g.writeArrayFieldStart("values");
    for (int i = 0; i < s.timestamps().length; i++) {
      PromJson.point(g, s.timestamps()[i], s.values()[i]);
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  /** Prometheus's statuses: 400 for bad data, 422 for execution errors, 503 for timeouts. */
  static ApiError toApiError(PromqlException e) {
    HttpStatus status = switch (e.type()) {
      case BAD_DATA -> HttpStatus.BAD_REQUEST;
      case EXECUTION -> HttpStatus.UNPROCESSABLE_ENTITY;
      case TIMEOUT -> HttpStatus.SERVICE_UNAVAILABLE;
    };
    return new ApiError(e.type().apiName(), status, e.getMessage());
  }
}
