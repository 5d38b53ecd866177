package dev.sightline.receivers.elastic;

import dev.sightline.receivers.RequestTenant;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.sightline.pipeline.SelfMetrics;
import dev.sightline.receivers.otlp.IngestFailure;
import dev.sightline.receivers.otlp.OtlpIngest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The Elasticsearch endpoints log shippers need: {@code GET /} (the version probe Beats, Logstash
 * and the Elasticsearch clients make, answered with {@code X-Elastic-Product: Elasticsearch}) and
 * {@code POST /_bulk}, {@code /<index>/_bulk}. Bulk answers item by item as Elasticsearch does
 * (201 per stored document, 400 with a reason per refused one, {@code errors: true} when any was),
 * and 429 for the whole request when the ingest log is full, which those shippers retry.
 */
public final class BulkService {
  private static final JsonFactory JSON = new JsonFactory();
  private final OtlpIngest ingest;
  private final Clock clock;
  private final SelfMetrics metrics;

  public BulkService(OtlpIngest ingest, Clock clock, SelfMetrics metrics) {
    this.ingest = ingest;
    this.clock = clock;
    this.metrics = metrics;
  }

  public void register(ServerBuilder sb) {
    sb.service("/", (ctx, req) -> json(HttpStatus.OK, g -> {
      g.writeStringField("name", "sightline");
      g.writeStringField("cluster_name", "sightline");
      g.writeObjectFieldStart("version");
      g.writeStringField("number", "8.11.0");
      g.writeStringField("build_flavor", "default");
      g.writeStringField("minimum_wire_compatibility_version", "7.17.0");
      g.writeStringField("minimum_index_compatibility_version", "7.0.0");
      g.writeEndObject();
      g.writeStringField("tagline", "You Know, for Search");
    }));
    sb.service("/_bulk", (ctx, req) -> bulk(ctx, req, "logs"));
    sb.service("/{index}/_bulk", (ctx, req) -> bulk(ctx, req, ctx.pathParam("index")));
  }

  private HttpResponse bulk(ServiceRequestContext ctx, HttpRequest req, String index) {
    return HttpResponse.of(req.aggregate().thenCompose(ctx.makeContextAware((AggregatedHttpRequest agg) -> {
      long start = System.nanoTime();
      List<BulkRequest.Item> items = BulkRequest.parse(agg.content().array(), index);
      long observed = clock.millis() * 1_000_000L;
      Map<String, ScopeLogs.Builder> byService = new LinkedHashMap<>();
      List<String> errors = new ArrayList<>(items.size());
      for (BulkRequest.Item item : items) {
        String error = item.error();
        if (item.document() != null) {
          try {
            LogRecord record = DocumentToLog.convert(item.document(), item.index(), observed);
            byService.computeIfAbsent(DocumentToLog.text(item.document(), "service.name"), s -> ScopeLogs.newBuilder()
                .setScope(InstrumentationScope.newBuilder().setName("sightline.elasticsearch"))).addLogRecords(record);
          } catch (IllegalArgumentException e) {
            error = e.getMessage();
          }
        }
        errors.add(error);
      }
      long refused = errors.stream().filter(e -> !e.isEmpty()).count();
      metrics.counter("sightline_elasticsearch_documents_total", "Bulk documents received, by outcome.", "outcome", "read")
          .add(items.size() - refused);
      metrics.counter("sightline_elasticsearch_documents_total", "Bulk documents received, by outcome.", "outcome", "refused")
          .add(refused);
      if (byService.isEmpty()) {
        return CompletableFuture.completedFuture(answer(items, errors, start));
      }
      ExportLogsServiceRequest.Builder request = ExportLogsServiceRequest.newBuilder();
      byService.forEach((service, scope) -> {
        Resource.Builder resource = Resource.newBuilder();
        if (!service.isEmpty()) {
          resource.addAttributes(KeyValue.newBuilder().setKey("service.name").setValue(AnyValue.newBuilder().setStringValue(service)));
        }
        request.addResourceLogs(ResourceLogs.newBuilder().setResource(resource).addScopeLogs(scope));
      });
      return ingest.logs(request.build(), null, "elasticsearch", RequestTenant.current())
          .handle((outcome, error) -> error != null ? IngestFailure.response(error) : answer(items, errors, start));
    })));
  }

  private static HttpResponse answer(List<BulkRequest.Item> items, List<String> errors, long startNanos) {
    boolean anyError = errors.stream().anyMatch(e -> !e.isEmpty());
    return json(HttpStatus.OK, g -> {
      g.writeNumberField("took", (System.nanoTime() - startNanos) / 1_000_000);
      g.writeBooleanField("errors", anyError);
      g.writeArrayFieldStart("items");
      for (int i = 0; i < items.size(); i++) {
        BulkRequest.Item item = items.get(i);
        String error = errors.get(i);
        g.writeStartObject();
        g.writeObjectFieldStart(item.action());
        g.writeStringField("_index", item.index());
        g.writeStringField("_id", item.id().isEmpty() ? UUID.randomUUID().toString() : item.id());
        if (error.isEmpty()) {
          g.writeNumberField("_version", 1);
          g.writeStringField("result", "created");
          g.writeNumberField("status", 201);
        } else {
          g.writeNumberField("status", 400);
          g.writeObjectFieldStart("error");
          g.writeStringField("type", "illegal_argument_exception");
          g.writeStringField("reason", error);
          g.writeEndObject();
        }
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeEndArray();
    });
  }

  interface Fields {
    void write(JsonGenerator g) throws IOException;
  }

  private static HttpResponse json(HttpStatus status, Fields fields) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      fields.write(g);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return HttpResponse.of(ResponseHeaders.builder(status).contentType(MediaType.JSON_UTF_8)
        .add("X-Elastic-Product", "Elasticsearch").build(), com.linecorp.armeria.common.HttpData.wrap(out.toByteArray()));
  }
}
