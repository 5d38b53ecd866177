package dev.sightline.server.ops;

import dev.sightline.pipeline.Component;
import dev.sightline.pipeline.SelfMetrics;
import dev.sightline.receivers.otlp.OtlpIngest;
import dev.sightline.receivers.prometheus.PromSeries;
import dev.sightline.receivers.prometheus.SeriesToOtlp;
import dev.sightline.receivers.prometheus.scrape.ExposedSample;
import dev.sightline.receivers.prometheus.scrape.Exposition;
import dev.sightline.receivers.prometheus.scrape.ExpositionParser;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores Sightline's own {@code /metrics} every interval as series of {@code job="sightline"},
 * as a scrape of itself would, but without a round trip through HTTP: so self-monitoring
 * dashboards and the default rule on ingest refusals have data.
 */
public final class SelfMetricsRecorder implements Component {
  private static final Logger log = LoggerFactory.getLogger(SelfMetricsRecorder.class);
  private final SelfMetrics metrics;
  private final OtlpIngest ingest;
  private final String tenant;
  private final Duration interval;
  private final Clock clock;
  private final String instance;
  private volatile boolean stopping;
  private @Nullable Thread thread;

  public SelfMetricsRecorder(SelfMetrics metrics, OtlpIngest ingest, String tenant, Duration interval, Clock clock,
      String instance) {
    this.metrics = metrics;
    this.ingest = ingest;
    this.tenant = tenant;
    this.interval = interval;
    this.clock = clock;
    this.instance = instance;
  }

  @Override
  public void start() {
    if (interval.isZero()) {
      return;
    }
    thread = Thread.ofPlatform().name("sightline-self-metrics").daemon().start(() -> {
      while (!stopping) {
        try {
          Thread.sleep(interval.toMillis());
        } catch (InterruptedException e) {
          return;
        }
        record();
      }
    });
  }

  /** Stores one snapshot now. */
  public void record() {
    Exposition exposition = ExpositionParser.parse(metrics.exposition(), "text/plain");
    long now = clock.millis();
    List<PromSeries> series = new ArrayList<>(exposition.samples().size());
    for (ExposedSample s : exposition.samples()) {
      Map<String, String> labels = new TreeMap<>(s.labels());
      labels.put("job", "sightline");
      labels.put("instance", instance);
      series.add(new PromSeries(labels, new long[] {now}, new double[] {s.value()}));
    }
    try {
      ingest.metrics(SeriesToOtlp.convert(series, exposition.types(), "sightline.self"), null, "self", tenant)
          .whenComplete((outcome, error) -> {
            if (error != null) {
              log.debug("self-metrics not stored: {}", error.getMessage());
            }
          });
    } catch (RuntimeException e) {
      log.debug("self-metrics not stored: {}", e.getMessage());
    }
  }

  @Override
  public void shutdown(Duration timeout) {
    stopping = true;
    if (thread != null) {
      thread.interrupt();
    }
  }
}
