package dev.sightline.server;

import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenTelemetry Java SDK's own OTLP exporters, gRPC and HTTP, against a real server. */
class OtlpSdkEndToEndTest {
  private static final Pattern LOWER_HEX_32 = Pattern.compile("[0-9a-f]{32}");
  @TempDir static Path data;
  static TestServer server;

  @BeforeAll
  static void start() {
    server = new TestServer(data);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void tracesMetricsAndLogsOverGrpc() {
    roundTrip("grpc-svc",
        OtlpGrpcSpanExporter.builder().setEndpoint(server.otlpGrpc()).build(),
        OtlpGrpcMetricExporter.builder().setEndpoint(server.otlpGrpc()).build(),
        OtlpGrpcLogRecordExporter.builder().setEndpoint(server.otlpGrpc()).build());
  }

  @Test
  void tracesMetricsAndLogsOverHttpProtobuf() {
    roundTrip("http-svc",
        OtlpHttpSpanExporter.builder().setEndpoint(server.otlpHttp() + "/v1/traces").build(),
        OtlpHttpMetricExporter.builder().setEndpoint(server.otlpHttp() + "/v1/metrics").build(),
        OtlpHttpLogRecordExporter.builder().setEndpoint(server.otlpHttp() + "/v1/logs").build());
  }

  private void roundTrip(String service, SpanExporter spans, MetricExporter metrics, LogRecordExporter logs) {
    Resource resource = Resource.getDefault().merge(Resource.create(Attributes.of(stringKey("service.name"), service)));
    SdkTracerProvider tracerProvider = SdkTracerProvider.builder().setResource(resource)
        .addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
    SdkLoggerProvider loggerProvider = SdkLoggerProvider.builder().setResource(resource)
        .addLogRecordProcessor(SimpleLogRecordProcessor.create(logs)).build();
    SdkMeterProvider meterProvider = SdkMeterProvider.builder().setResource(resource)
        .registerMetricReader(PeriodicMetricReader.builder(metrics).setInterval(Duration.ofHours(1)).build()).build();

    Tracer tracer = tracerProvider.get("e2e");
    Span root = tracer.spanBuilder("GET /checkout").setAttribute("http.route", "/checkout").startSpan();
    String traceId;
    try (Scope ignored = root.makeCurrent()) {
      traceId = root.getSpanContext().getTraceId();
      Span child = tracer.spanBuilder("charge card").setAttribute("amount", 42L).startSpan();
      child.addEvent("retry", Attributes.of(stringKey("reason"), "timeout"));
      child.setStatus(StatusCode.ERROR, "card declined");
      child.end();
      loggerProvider.get("e2e").logRecordBuilder().setBody("payment failed for order 7")
          .setSeverity(Severity.ERROR).setContext(Context.current()).emit();
    } finally {
      root.end();
    }
    meterProvider.get("e2e").counterBuilder("orders").build().add(3, Attributes.of(stringKey("region"), "eu"));
    meterProvider.get("e2e").histogramBuilder("latency").setUnit("ms").build().record(12.5);

    assertSucceeded(tracerProvider.forceFlush());
    assertSucceeded(loggerProvider.forceFlush());
    assertSucceeded(meterProvider.forceFlush());
    tracerProvider.close();
    loggerProvider.close();
    meterProvider.close();
    server.awaitStored();

    JsonNode trace = server.getJson("/api/v1/traces/" + traceId);
    assertThat(trace.get("spans")).hasSize(2);
    for (JsonNode span : trace.get("spans")) {
      assertThat(span.get("traceId").asText()).matches(LOWER_HEX_32).isEqualTo(traceId);
      assertThat(span.get("spanId").asText()).matches("[0-9a-f]{16}");
      assertThat(span.get("service").asText()).isEqualTo(service);
    }
    JsonNode child = trace.get("spans").get(1).get("name").asText().equals("charge card")
        ? trace.get("spans").get(1) : trace.get("spans").get(0);
    assertThat(child.get("status").get("code").asText()).isEqualTo("ERROR");
    assertThat(child.get("attributes").get("amount").asLong()).isEqualTo(42);
    assertThat(child.get("events").get(0).get("attributes").get("reason").asText()).isEqualTo("timeout");
    assertThat(trace.get("logs")).singleElement().satisfies(l ->
        assertThat(l.get("body").asText()).isEqualTo("payment failed for order 7"));

    assertThat(server.getJson("/api/v1/services").get("services").toString()).contains(service);
    JsonNode found = server.getJson("/api/v1/traces?service=" + service + "&errors=true");
    assertThat(found.get("traces")).singleElement().satisfies(t -> {
      assertThat(t.get("traceId").asText()).isEqualTo(traceId);
      assertThat(t.get("rootName").asText()).isEqualTo("GET /checkout");
      assertThat(t.get("spanCount").asInt()).isEqualTo(2);
    });
    JsonNode logsFound = server.getJson("/api/v1/logs?service=" + service + "&minSeverity=ERROR&contains=ORDER%207");
    assertThat(logsFound.get("logs")).singleElement().satisfies(l ->
        assertThat(l.get("traceId").asText()).isEqualTo(traceId));

    JsonNode orders = server.getJson("/api/v1/metrics/series?lookback=1h&match[]="
        + TestServer.encode("orders{service.name=\"" + service + "\"}"));
    assertThat(orders.get("series")).singleElement().satisfies(s -> {
      assertThat(s.get("type").asText()).isEqualTo("sum");
      assertThat(s.get("labels").get("region").asText()).isEqualTo("eu");
      assertThat(s.get("points").get(0).get("value").asLong()).isEqualTo(3);
    });
    JsonNode latency = server.getJson("/api/v1/metrics/series?match[]="
        + TestServer.encode("latency{service.name=\"" + service + "\"}"));
    assertThat(latency.get("series")).singleElement().satisfies(s -> {
      assertThat(s.get("type").asText()).isEqualTo("histogram");
      assertThat(s.get("points").get(0).get("sum").asDouble()).isEqualTo(12.5);
    });
    assertThat(server.getJson("/api/v1/metrics/names").get("names").toString()).contains("orders", "latency");
  }

  private static void assertSucceeded(CompletableResultCode result) {
    assertThat(result.join(30, TimeUnit.SECONDS).isSuccess()).as("export succeeded").isTrue();
  }
}
