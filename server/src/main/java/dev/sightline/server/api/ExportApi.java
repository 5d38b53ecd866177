package dev.sightline.server.api;

import static dev.sightline.server.api.JsonResponses.error;
import static dev.sightline.server.api.JsonResponses.ok;

import com.google.protobuf.Message;
import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.QueryParams;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServiceRequestContext;
import com.linecorp.armeria.server.file.HttpFile;
import dev.sightline.otlp.OtlpDecodeException;
import dev.sightline.otlp.OtlpJson;
import dev.sightline.receivers.RequestTenant;
import dev.sightline.receivers.otlp.IngestOutcome;
import dev.sightline.receivers.otlp.OtlpIngest;
import dev.sightline.security.audit.AuditOutcome;
import dev.sightline.server.auth.AuditTrail;
import dev.sightline.storage.DataExporter;
import dev.sightline.storage.StorageException;
import dev.sightline.storage.TimeRange;
import dev.sightline.storage.tier.SignalType;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/**
 * Export and import of a signal's data over every tier: {@code GET /api/v1/export?signal=traces&
 * start=…&end=…&format=otlp-json|parquet} answers a file (OTLP/JSON lines, one export request per
 * line, or one self-contained Parquet file), and {@code POST /api/v1/import?signal=…&format=…}
 * takes such a file back through the ingest path (validated, logged durably, processed), answering
 * once every item is acknowledged. Exports carry unmasked values, so both are administration.
 */
public final class ExportApi {
  static final int BATCH = 1000;
  static final int MAX_IMPORT_BYTES = 256 << 20;
  private final Optional<DataExporter> exporter;
  private final OtlpIngest ingest;
  private final AuditTrail audit;
  private final Clock clock;
  private final Path scratch;

  public ExportApi(Optional<DataExporter> exporter, OtlpIngest ingest, AuditTrail audit, Clock clock, Path scratch) {
    this.exporter = exporter;
    this.ingest = ingest;
    this.audit = audit;
    this.clock = clock;
    this.scratch = scratch;
  }

  public void register(ServerBuilder sb) {
    sb.route().path("/api/v1/export").methods(HttpMethod.GET).build((ctx, req) ->
        HttpResponse.of(java.util.concurrent.CompletableFuture.supplyAsync(() -> export(ctx), ctx.blockingTaskExecutor())));
    sb.route().path("/api/v1/import").methods(HttpMethod.POST).maxRequestLength(MAX_IMPORT_BYTES).build((ctx, req) ->
        HttpResponse.of(req.aggregate().thenApplyAsync(r -> importFile(ctx, r), ctx.blockingTaskExecutor())));
  }

  private enum Format { OTLP_JSON, PARQUET }

  private static Format format(QueryParams q) {
    String f = q.get("format", "otlp-json");
    return switch (f) {
      case "otlp-json" -> Format.OTLP_JSON;
      case "parquet" -> Format.PARQUET;
      default -> throw new BadRequestException("format: '" + f + "' is not otlp-json or parquet");
    };
  }

  private static SignalType signal(QueryParams q) {
    String s = q.get("signal");
    if (s == null) {
      throw new BadRequestException("signal: required, one of traces, metrics, logs");
    }
    try {
      return SignalType.of(s);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("signal: " + e.getMessage());
    }
  }

  private HttpResponse export(ServiceRequestContext ctx) {
    if (exporter.isEmpty()) {
      return error(HttpStatus.NOT_IMPLEMENTED, "this storage backend cannot export");
    }
    QueryParams q = QueryParams.fromQueryString(ctx.query());
    try {
      SignalType signal = signal(q);
      Format format = format(q);
      TimeRange range = new Params(q, clock).range(null);
      Files.createDirectories(scratch);
      Path file = Files.createTempFile(scratch, "export-", format == Format.PARQUET ? ".parquet" : ".jsonl");
      ctx.log().whenComplete().thenRun(() -> file.toFile().delete());
      long items;
      if (format == Format.PARQUET) {
        Files.delete(file);
        items = exporter.orElseThrow().exportParquet(RequestTenant.current(), signal, range, file);
      } else {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
          items = exporter.orElseThrow().export(RequestTenant.current(), signal, range, BATCH, m -> line(out, m));
        }
      }
      audit.record(ctx, "data.export", "tenant:" + RequestTenant.current(), AuditOutcome.ALLOWED,
          Map.of("signal", signal.label(), "items", Long.toString(items), "format", q.get("format", "otlp-json")));
      MediaType type = format == Format.PARQUET ? MediaType.OCTET_STREAM : MediaType.create("application", "x-ndjson");
      return HttpFile.builder(file).contentType(type).build().asService().serve(ctx, ctx.request());
    } catch (BadRequestException e) {
      return error(HttpStatus.BAD_REQUEST, e.getMessage());
    } catch (StorageException e) {
      return error(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    } catch (Exception e) {
      throw new IllegalStateException("exporting failed: " + e.getMessage(), e);
    }
  }

  private static void line(BufferedWriter out, Message m) {
    try {
      out.write(OtlpJson.print(m));
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private HttpResponse importFile(ServiceRequestContext ctx, AggregatedHttpRequest req) {
    QueryParams q = QueryParams.fromQueryString(ctx.query());
    String tenant = RequestTenant.current();
    long[] counts = new long[2];
    try {
      SignalType signal = signal(q);
      Format format = format(q);
      if (format == Format.PARQUET) {
        if (exporter.isEmpty()) {
          return error(HttpStatus.NOT_IMPLEMENTED, "this storage backend cannot read Parquet exports");
        }
        Files.createDirectories(scratch);
        Path file = Files.createTempFile(scratch, "import-", ".parquet");
        try {
          Files.write(file, req.content().array());
          exporter.orElseThrow().readParquet(signal, file, BATCH, m -> ingest(m, tenant, counts));
        } finally {
          Files.deleteIfExists(file);
        }
      } else {
        int lineNumber = 0;
        for (String line : req.contentUtf8().split("\n")) {
          lineNumber++;
          if (line.isBlank()) {
            continue;
          }
          byte[] utf8 = line.getBytes(StandardCharsets.UTF_8);
          try {
            ingest(switch (signal) {
              case TRACES -> OtlpJson.traces(utf8);
              case METRICS -> OtlpJson.metrics(utf8);
              case LOGS -> OtlpJson.logs(utf8);
            }, tenant, counts);
          } catch (OtlpDecodeException e) {
            throw new BadRequestException("line " + lineNumber + ": " + e.getMessage()
                + " (" + counts[0] + " items of the lines before it were imported)");
          }
        }
      }
      audit.record(ctx, "data.import", "tenant:" + tenant, AuditOutcome.ALLOWED,
          Map.of("signal", signal.label(), "items", Long.toString(counts[0])));
      return ok(g -> {
        g.writeStartObject();
        g.writeNumberField("imported", counts[0]);
        g.writeNumberField("rejected", counts[1]);
        g.writeEndObject();
      });
    } catch (BadRequestException | IllegalArgumentException e) {
      return error(HttpStatus.BAD_REQUEST, e.getMessage());
    } catch (CompletionException e) {
      return error(HttpStatus.SERVICE_UNAVAILABLE, "the ingest log refused the import after " + counts[0]
          + " items: " + e.getCause().getMessage() + "; import the rest later");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void ingest(Message m, String tenant, long[] counts) {
    IngestOutcome o = switch (m) {
      case ExportTraceServiceRequest t -> ingest.traces(t, null, "import", tenant).join();
      case ExportLogsServiceRequest l -> ingest.logs(l, null, "import", tenant).join();
      case ExportMetricsServiceRequest r -> ingest.metrics(r, null, "import", tenant).join();
      default -> throw new IllegalArgumentException("cannot import " + m.getDescriptorForType().getFullName());
    };
    counts[0] += o.accepted();
    counts[1] += o.rejected();
  }
}
