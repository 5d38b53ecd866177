package dev.sightline.server;

import static dev.sightline.server.ProcessorsTest.attr;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.sightline.pipeline.LossAccounting;
import dev.sightline.pipeline.SelfMetrics;
import dev.sightline.pipeline.processor.PipelineSpec;
import dev.sightline.pipeline.processor.Pipelines;
import dev.sightline.pipeline.processor.ProcessorContext;
import dev.sightline.storage.LabelMatcher;
import dev.sightline.storage.WriteBatch;
import dev.sightline.storage.duckdb.DuckDbStorage;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Span metrics are made at the sequence of a batch's last entry. When that entry carries received
 * metrics, or spans of several tenants end in one batch, the made and received entries share the
 * sequence: both are stored, each in its tenant (the pipeline used to stop on this).
 */
class SharedSequenceTest {
  @TempDir Path dir;

  private static final long NOW = System.currentTimeMillis() * 1_000_000L;

  private static WriteBatch.Entry spans(long seq, String tenant) {
    Span span = Span.newBuilder().setTraceId(ByteString.copyFrom(ByteBuffer.allocate(16).putLong(seq).putLong(1).array()))
        .setSpanId(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(seq).array())).setName("GET /")
        .setKind(Span.SpanKind.SPAN_KIND_SERVER).setStartTimeUnixNano(NOW - 1_000_000).setEndTimeUnixNano(NOW).build();
    return new WriteBatch.Entry(seq, tenant, new WriteBatch.Traces(List.of(ResourceSpans.newBuilder()
        .setResource(Resource.newBuilder().addAttributes(attr("service.name", "web-" + tenant)))
        .addScopeSpans(ScopeSpans.newBuilder().addSpans(span)).build())));
  }

  private static WriteBatch.Entry gauge(long seq, String tenant) {
    return new WriteBatch.Entry(seq, tenant, new WriteBatch.Metrics(List.of(ResourceMetrics.newBuilder()
        .setResource(Resource.newBuilder().addAttributes(attr("service.name", "web-" + tenant)))
        .addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(Metric.newBuilder().setName("queue_depth").setGauge(
            Gauge.newBuilder().addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(NOW).setAsDouble(3))))).build())));
  }

  @Test
  void madeAndReceivedEntriesOfOneSequenceAreBothStoredInTheirTenants() {
    SelfMetrics metrics = new SelfMetrics();
    LossAccounting loss = new LossAccounting(metrics);
    Pipelines pipelines = new Pipelines(PipelineSpec.build(Map.of(), Map.of(),
        new ProcessorContext(dir.resolve("pipeline"), Clock.systemUTC(), metrics, loss)), loss, metrics);
    pipelines.recover(0);
    try (DuckDbStorage store = DuckDbStorage.open(dir.resolve("store"), "256MB")) {
      // Spans of two tenants, then received metrics at the last sequence, where span metrics are made too.
      Pipelines.Processed p = pipelines.apply(List.of(spans(1, "acme"), spans(2, "globex"), gauge(3, "acme")), 3);
      assertThat(p.batch().entries().stream().filter(e -> e.sequence() == 3)).hasSizeGreaterThanOrEqualTo(3);
      store.writer().write(p.batch());
      var samples = store.samples().orElseThrow();
      assertThat(samples.series("acme", List.of(LabelMatcher.eq("__name__", "queue_depth")), 0, Long.MAX_VALUE, 10))
          .hasSize(1);
      for (String tenant : List.of("acme", "globex")) {
        assertThat(samples.labelValues(tenant, "__name__", List.of(), 0, Long.MAX_VALUE))
            .as("span metrics of " + tenant).anyMatch(n -> n.startsWith("traces_span_metrics"));
        String other = tenant.equals("acme") ? "globex" : "acme";
        assertThat(samples.labelValues(tenant, "job", List.of(), 0, Long.MAX_VALUE)).contains("web-" + tenant)
            .doesNotContain("web-" + other);
      }
    }
  }
}
