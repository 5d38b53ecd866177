package dev.sightline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Metrics from the OpenTelemetry Java SDK come out of PromQL under the OpenTelemetry-Prometheus
 * names (unit suffix, {@code _total}, {@code _bucket}/{@code le}, {@code job}/{@code instance},
 * {@code target_info}), with their metadata, and their exemplars lead to the trace they were
 * recorded in.
 */
class OtlpMetricsPromqlTest {
  @TempDir Path dir;

  @Test
  void sdkMetricsAreQueryableWithPromqlAndExemplarsLinkToTraces() throws Exception {
    try (TestServer server = new TestServer(dir.resolve("data"))) {
      Resource resource = Resource.getDefault().merge(Resource.create(Attributes.of(
          AttributeKey.stringKey("service.name"), "checkout", AttributeKey.stringKey("service.namespace"), "shop",
          AttributeKey.stringKey("service.instance.id"), "pod-1", AttributeKey.stringKey("deployment.environment"), "test")));
      SdkTracerProvider tracing = SdkTracerProvider.builder().setResource(resource).addSpanProcessor(SimpleSpanProcessor.create(
          OtlpHttpSpanExporter.builder().setEndpoint(server.otlpHttp() + "/v1/traces").build())).build();
      SdkMeterProvider metering = SdkMeterProvider.builder().setResource(resource).registerMetricReader(
          PeriodicMetricReader.builder(OtlpHttpMetricExporter.builder().setEndpoint(server.otlpHttp() + "/v1/metrics").build())
              .setInterval(Duration.ofHours(1)).build()).build();
      Meter meter = metering.get("checkout");
      LongCounter orders = meter.counterBuilder("orders").setDescription("Orders placed.").setUnit("{order}").build();
      DoubleHistogram latency = meter.histogramBuilder("http.server.request.duration").setUnit("s")
          .setExplicitBucketBoundariesAdvice(java.util.List.of(0.1, 0.5, 1.0)).build();
      Span span = tracing.get("checkout").spanBuilder("POST /orders").startSpan();
      String traceId = span.getSpanContext().getTraceId();
      try (Scope ignored = span.makeCurrent()) {
        orders.add(3, Attributes.of(AttributeKey.stringKey("payment.method"), "card"));
        latency.record(0.3, Attributes.of(AttributeKey.stringKey("http.route"), "/orders"));
      } finally {
        span.end();
      }
      metering.forceFlush().join(10, TimeUnit.SECONDS);
      tracing.forceFlush().join(10, TimeUnit.SECONDS);
      server.awaitStored();

      JsonNode counter = ScrapeTest.query(server, "orders_total");
      assertThat(counter).hasSize(1);
      assertThat(counter.get(0).get("metric").get("job").asText()).isEqualTo("shop/checkout");
      assertThat(counter.get(0).get("metric").get("instance").asText()).isEqualTo("pod-1");
      assertThat(counter.get(0).get("metric").get("payment_method").asText()).isEqualTo("card");
      assertThat(ScrapeTest.value(counter.get(0))).isEqualTo(3.0);
      JsonNode p50 = ScrapeTest.query(server, "histogram_quantile(0.5, http_server_request_duration_seconds_bucket)");
      assertThat(ScrapeTest.value(p50.get(0))).isBetween(0.1, 0.5);
      JsonNode info = ScrapeTest.query(server, "target_info");
      assertThat(info.get(0).get("metric").get("deployment_environment").asText()).isEqualTo("test");
      JsonNode metadata = server.getJson("/api/v1/metadata").get("data");
      assertThat(metadata.get("orders_total").get(0).get("type").asText()).isEqualTo("counter");
      assertThat(metadata.get("orders_total").get(0).get("help").asText()).isEqualTo("Orders placed.");
      assertThat(metadata.get("http_server_request_duration_seconds").get(0).get("type").asText()).isEqualTo("histogram");

      JsonNode exemplars = server.getJson("/api/v1/query_exemplars?query="
          + TestServer.encode("histogram_quantile(0.9, rate(http_server_request_duration_seconds_bucket[5m]))")).get("data");
      assertThat(exemplars).hasSize(1);
      assertThat(exemplars.get(0).get("seriesLabels").get("le").asText()).isEqualTo("0.5");
      JsonNode exemplar = exemplars.get(0).get("exemplars").get(0);
      assertThat(exemplar.get("labels").get("trace_id").asText()).isEqualTo(traceId);
      assertThat(exemplar.get("value").asText()).isEqualTo("0.3");
      TestServer.await("the exemplar's trace", () -> server.get("/api/v1/traces/" + traceId).statusCode() == 200);
      metering.close();
      tracing.close();
    }
  }
}
