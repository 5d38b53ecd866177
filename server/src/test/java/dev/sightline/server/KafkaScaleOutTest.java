package dev.sightline.server;

import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import dev.sightline.ingestlog.kafka.KafkaTestBroker;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scaled out in one JVM: a KRaft broker, an ingest node and a node that consumes the topics as a
 * worker and answers queries. The OpenTelemetry SDK sends to the ingest node; everything is
 * queryable once on the other. With the broker stopped, ingest answers 503 with Retry-After, and
 * nothing it acknowledged is lost once the broker is back.
 */
class KafkaScaleOutTest {
  @TempDir static Path ingestDir;
  @TempDir static Path workerDir;
  static KafkaTestBroker broker;
  static TestServer ingest;
  static TestServer worker;

  static String[] kafkaFlags(String role) {
    return new String[] {"--node.role=" + role, "--ingest.log=kafka", "--kafka.bootstrap.servers=" + broker.bootstrapServers(),
        "--kafka.replication.factor=1", "--kafka.topic.traces.partitions=4", "--kafka.topic.metrics.partitions=2",
        "--kafka.topic.logs.partitions=2", "--kafka.delivery.timeout=3s", "--kafka.request.timeout=2s",
        "--kafka.max.block=500ms", "--kafka.breaker.failures=1", "--kafka.breaker.open.for=1s", "--kafka.session.timeout=6s", "--kafka.group.id=e2e"};
  }

  @BeforeAll
  static void start() {
    broker = KafkaTestBroker.start();
    ingest = new TestServer(ingestDir, kafkaFlags("ingest"));
    worker = new TestServer(workerDir, kafkaFlags("all"));
  }

  @AfterAll
  static void stop() {
    worker.close();
    ingest.close();
    broker.close();
  }

  @Test
  void whatTheSdkSendsToIngestIsQueryableOnceOnTheWorker() {
    Resource resource = Resource.getDefault().merge(Resource.create(Attributes.of(stringKey("service.name"), "shop")));
    SdkTracerProvider tracing = SdkTracerProvider.builder().setResource(resource).addSpanProcessor(BatchSpanProcessor
        .builder(OtlpHttpSpanExporter.builder().setEndpoint(ingest.otlpHttp() + "/v1/traces").build()).build()).build();
    SdkLoggerProvider logging = SdkLoggerProvider.builder().setResource(resource).addLogRecordProcessor(BatchLogRecordProcessor
        .builder(OtlpHttpLogRecordExporter.builder().setEndpoint(ingest.otlpHttp() + "/v1/logs").build()).build()).build();
    Tracer tracer = tracing.get("scale-out");
    List<String> traceIds = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      Span root = tracer.spanBuilder("order " + i).startSpan();
      try (Scope ignored = root.makeCurrent()) {
        tracer.spanBuilder("charge " + i).startSpan().end();
        logging.get("scale-out").logRecordBuilder().setBody("order " + i + " paid").setSeverity(Severity.INFO).emit();
      } finally {
        root.end();
      }
      traceIds.add(root.getSpanContext().getTraceId());
    }
    assertThat(tracing.forceFlush().join(30, TimeUnit.SECONDS).isSuccess()).isTrue();
    assertThat(logging.forceFlush().join(30, TimeUnit.SECONDS).isSuccess()).isTrue();
    tracing.close();
    logging.close();

    for (String traceId : traceIds) {
      TestServer.await("trace " + traceId + " on the worker", () -> worker.get("/api/v1/traces/" + traceId).statusCode() == 200);
      assertThat(worker.getJson("/api/v1/traces/" + traceId).get("spans")).as("spans of " + traceId).hasSize(2);
    }
    TestServer.await("200 logs", () -> worker.getJson("/api/v1/logs?service=shop&limit=1000").get("logs").size() >= 200);
    assertThat(worker.getJson("/api/v1/logs?service=shop&limit=1000").get("logs")).hasSize(200);

    assertThat(ingest.get("/api/v1/traces/" + traceIds.get(0)).statusCode()).as("ingest nodes answer no queries").isEqualTo(404);
    assertThat(ingest.get("/ready").statusCode()).isEqualTo(200);
    assertThat(worker.get("/ready").statusCode()).isEqualTo(200);
    assertThat(worker.get("/metrics").body()).contains("sightline_kafka_consumer_lag{", "sightline_kafka_rebalances ");
  }

  @Test
  void withKafkaDownIngestAnswers503AndLosesNothingItAcknowledged() throws Exception {
    List<String> acknowledged = new ArrayList<>();
    int sent = 0;
    for (; sent < 20; sent++) {
      assertThat(post(sent).statusCode()).isEqualTo(200);
      acknowledged.add(traceHex(sent));
    }
    broker.stop();
    try {
      HttpResponse<String> refused = post(sent++);
      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.headers().firstValue("retry-after")).isPresent();
      TestServer.await("the breaker to open", () -> ingest.get("/metrics").body().contains("sightline_kafka_breaker_state 1"));
      assertThat(ingest.get("/ready").statusCode()).as("not ready while Kafka is down").isEqualTo(503);
      TestServer.await("the worker to say it is not ready", () -> worker.get("/ready").statusCode() == 503);
      assertThat(post(sent++).statusCode()).isEqualTo(503);
    } finally {
      broker.restart();
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    int recovered = 0;
    while (recovered < 20 && System.nanoTime() < deadline) {
      HttpResponse<String> answer = post(sent);
      if (answer.statusCode() == 200) {
        acknowledged.add(traceHex(sent));
        recovered++;
      } else {
        assertThat(answer.statusCode()).isEqualTo(503);
        Thread.sleep(200);
      }
      sent++;
    }
    assertThat(recovered).as("ingest recovers after the broker is back").isEqualTo(20);
    for (String traceId : acknowledged) {
      TestServer.await("acknowledged trace " + traceId, () -> worker.get("/api/v1/traces/" + traceId).statusCode() == 200);
      JsonNode spans = worker.getJson("/api/v1/traces/" + traceId).get("spans");
      assertThat(spans).as("spans of " + traceId).hasSize(1);
    }
    assertThat(ingest.get("/ready").statusCode()).isEqualTo(200);
    TestServer.await("the worker to be ready again", () -> worker.get("/ready").statusCode() == 200);
  }

  private static String traceHex(int n) {
    return String.format("%032x", 0xd0_0000L + n);
  }

  private static HttpResponse<String> post(int n) {
    ByteString traceId = ByteString.copyFrom(ByteBuffer.allocate(16).putLong(0).putLong(0xd0_0000L + n).array());
    ExportTraceServiceRequest request = ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
        .setResource(io.opentelemetry.proto.resource.v1.Resource.newBuilder().addAttributes(
            io.opentelemetry.proto.common.v1.KeyValue.newBuilder().setKey("service.name")
                .setValue(io.opentelemetry.proto.common.v1.AnyValue.newBuilder().setStringValue("outage"))))
        .addScopeSpans(ScopeSpans.newBuilder().addSpans(io.opentelemetry.proto.trace.v1.Span.newBuilder()
            .setTraceId(traceId).setSpanId(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(n + 1).array()))
            .setName("during outage " + n).setStartTimeUnixNano(System.currentTimeMillis() * 1_000_000L)
            .setEndTimeUnixNano(System.currentTimeMillis() * 1_000_000L + 1_000)))).build();
    return ingest.post(ingest.otlpHttp() + "/v1/traces", "application/x-protobuf", request.toByteArray());
  }
}
